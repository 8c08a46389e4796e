package org.funnel.dsl.generator.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One order for stages that several funnels list, each in its own order: every stage comes after the
 * stages some funnel lists right before it (a topological merge). Among stages that may come next,
 * the one seen first (funnels in the order given, stages in each funnel's order) goes first; where
 * two funnels disagree (one lists A before B, the other B before A) the stage seen first is placed
 * first as well, and the merge says so. O((stages + pairs) log stages).
 */
final class ValueSetOrder {

	/** The merged order, and the stages placed before a stage some funnel lists ahead of them. */
	record Result(List<String> order, List<String> conflicts) {
	}

	private ValueSetOrder() {
	}

	static Result merge(List<List<String>> sequences) {
		Map<String, Integer> index = new HashMap<>();
		List<String> names = new ArrayList<>();
		for (List<String> sequence : sequences) {
			for (String name : sequence) {
				if (index.putIfAbsent(name, names.size()) == null) {
					names.add(name);
				}
			}
		}
		int n = names.size();
		List<List<Integer>> successors = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			successors.add(new ArrayList<>(2));
		}
		int[] predecessors = new int[n];
		Set<Long> pairs = new HashSet<>();
		for (List<String> sequence : sequences) {
			for (int k = 1; k < sequence.size(); k++) {
				int from = index.get(sequence.get(k - 1));
				int to = index.get(sequence.get(k));
				if (from != to && pairs.add(((long) from << 32) | to)) {
					successors.get(from).add(to);
					predecessors[to]++;
				}
			}
		}
		return order(names, successors, predecessors);
	}

	/** The stages in topological order, the earliest first where there is a choice; a cycle is broken at its first stage. */
	private static Result order(List<String> names, List<List<Integer>> successors, int[] predecessors) {
		int n = names.size();
		PriorityQueue<Integer> ready = new PriorityQueue<>();
		for (int i = 0; i < n; i++) {
			if (predecessors[i] == 0) {
				ready.add(i);
			}
		}
		boolean[] placed = new boolean[n];
		List<String> order = new ArrayList<>(n);
		List<String> conflicts = new ArrayList<>();
		int firstUnplaced = 0;
		while (order.size() < n) {
			int next;
			if (!ready.isEmpty()) {
				next = ready.poll();
			} else {
				// Only stages waiting on each other are left: the funnels' orders contradict each other.
				while (placed[firstUnplaced]) {
					firstUnplaced++;
				}
				next = firstUnplaced;
				conflicts.add(names.get(next));
			}
			if (placed[next]) {
				continue;
			}
			placed[next] = true;
			order.add(names.get(next));
			for (int successor : successors.get(next)) {
				if (--predecessors[successor] == 0 && !placed[successor]) {
					ready.add(successor);
				}
			}
		}
		return new Result(order, conflicts);
	}
}
