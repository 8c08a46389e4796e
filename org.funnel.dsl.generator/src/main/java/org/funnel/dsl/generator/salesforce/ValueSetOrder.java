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

	/**
	 * The org's order, kept: every value stays where the org has it, and each stage the org lacks goes right after
	 * the stage its funnel lists before it (else right before the one it lists after it; else an open stage before
	 * the org's first closed one, a closed stage last). {@code sequences} are the funnels' stages in their order,
	 * {@code closed} the closed ones and {@code won} the won ones (lower case); stages compare ignoring case. The
	 * conflicts are stages a funnel lists in another order than the org has them, compared among the open, the won and
	 * the lost stages each: a funnel lists its won stages before its lost ones whatever order the org has them in, so
	 * that is no conflict. O(stages) with a linked list.
	 */
	static Result keepOrg(List<String> org, List<List<String>> sequences, Set<String> closed, Set<String> won) {
		Chain chain = new Chain();
		Map<String, Integer> orgIndex = new HashMap<>();
		for (String label : org) {
			if (orgIndex.putIfAbsent(lower(label), orgIndex.size()) == null) {
				chain.append(label);
			}
		}
		Chain.Link firstClosed = chain.first(closed);
		List<String> conflicts = new ArrayList<>();
		for (List<String> sequence : sequences) {
			int[] last = { -1, -1, -1 }; // of the open, the won and the lost stages: a funnel lists them in that order
			Chain.Link previous = null;
			for (int k = 0; k < sequence.size(); k++) {
				String label = sequence.get(k);
				Integer at = orgIndex.get(lower(label));
				int group = !closed.contains(lower(label)) ? 0 : won.contains(lower(label)) ? 1 : 2;
				if (at != null && at < last[group]) {
					conflicts.add(label);
				}
				last[group] = at != null ? Math.max(last[group], at) : last[group];
				Chain.Link link = chain.find(label);
				if (link == null) {
					link = previous != null ? chain.insertAfter(previous, label)
							: chain.insertBefore(next(chain, sequence, k, closed, firstClosed), label);
				}
				previous = link;
			}
		}
		return new Result(chain.labels(), conflicts);
	}

	/** What a stage with no placed stage before it in its funnel goes before: its next placed one, else by kind. */
	private static Chain.Link next(Chain chain, List<String> sequence, int k, Set<String> closed, Chain.Link firstClosed) {
		for (int j = k + 1; j < sequence.size(); j++) {
			Chain.Link link = chain.find(sequence.get(j));
			if (link != null) {
				return link;
			}
		}
		return closed.contains(lower(sequence.get(k))) ? null : firstClosed;
	}

	/** Labels in a doubly linked list, found by lower-case label: placing one is O(1). */
	private static final class Chain {
		static final class Link {
			final String label;
			Link before;
			Link after;

			Link(String label) {
				this.label = label;
			}
		}

		private Link head;
		private Link tail;
		private final Map<String, Link> byLabel = new HashMap<>();

		Link find(String label) {
			return byLabel.get(lower(label));
		}

		Link append(String label) {
			return insertBefore(null, label);
		}

		/** Before {@code next}, or at the end when it is null. */
		Link insertBefore(Link next, String label) {
			Link link = new Link(label);
			byLabel.put(lower(label), link);
			link.after = next;
			link.before = next == null ? tail : next.before;
			if (link.before == null) {
				head = link;
			} else {
				link.before.after = link;
			}
			if (next == null) {
				tail = link;
			} else {
				next.before = link;
			}
			return link;
		}

		Link insertAfter(Link previous, String label) {
			return insertBefore(previous.after, label);
		}

		Link first(Set<String> labels) {
			for (Link link = head; link != null; link = link.after) {
				if (labels.contains(lower(link.label))) {
					return link;
				}
			}
			return null;
		}

		List<String> labels() {
			List<String> labels = new ArrayList<>();
			for (Link link = head; link != null; link = link.after) {
				labels.add(link.label);
			}
			return labels;
		}
	}

	private static String lower(String label) {
		return label.toLowerCase(java.util.Locale.ROOT);
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
