package org.funnel.dsl.analysis;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Tarjan's algorithm without recursion, so funnels with thousands of stages in one cycle do not
 * overflow the stack. Components come out sinks first (reverse topological order), which is the
 * order in which win probabilities can be solved one component at a time.
 */
final class StronglyConnectedComponents {

	/** component[node] = index of its component, -1 for excluded nodes. */
	final int[] component;
	/** Members of component c are members[start[c]] .. members[start[c+1]-1]. */
	final int[] members;
	final int[] start;
	final int count;

	private StronglyConnectedComponents(int[] component, int[] members, int[] start, int count) {
		this.component = component;
		this.members = members;
		this.start = start;
		this.count = count;
	}

	int size(int c) {
		return start[c + 1] - start[c];
	}

	/** The cycles among a funnel's open stages (won and lost stages take no part), along every transition. */
	static StronglyConnectedComponents ofOpenStages(FunnelGraph graph) {
		return ofOpenStages(graph, transition -> true);
	}

	/**
	 * The cycles among a funnel's open stages along the transitions {@code joins} accepts (the others
	 * are left out, as if the stage stayed where it is).
	 */
	static StronglyConnectedComponents ofOpenStages(FunnelGraph graph, IntPredicate joins) {
		Search search = new Search(graph, joins);
		for (int root = 0; root < graph.stageCount(); root++) {
			if (!graph.outcome(root).isTerminal() && search.index[root] < 0) {
				search.from(root);
			}
		}
		return search.result();
	}

	/** One run of Tarjan's algorithm, its call stack kept in arrays. */
	private static final class Search {
		private final FunnelGraph graph;
		private final IntPredicate joins;
		final int[] index;
		private final int[] lowLink;
		private final int[] component;
		private final boolean[] onStack;
		private final int[] stack;
		private int stackSize;
		/** The call stack: each level's stage and the next transition to follow from it. */
		private final int[] callNode;
		private final int[] callEdge;
		private final int[] members;
		private final int[] start;
		private int memberCount;
		private int componentCount;
		private int nextIndex;

		Search(FunnelGraph graph, IntPredicate joins) {
			this.graph = graph;
			this.joins = joins;
			int n = graph.stageCount();
			index = new int[n];
			lowLink = new int[n];
			component = new int[n];
			Arrays.fill(index, -1);
			Arrays.fill(component, -1);
			onStack = new boolean[n];
			stack = new int[n];
			callNode = new int[n];
			callEdge = new int[n];
			members = new int[n];
			start = new int[n + 1];
		}

		/** Every component reachable from {@code root}. */
		void from(int root) {
			int depth = 0;
			visit(root, depth);
			while (depth >= 0) {
				int node = callNode[depth];
				if (callEdge[depth] < graph.endTransition(node)) {
					int transition = callEdge[depth]++;
					int next = graph.target(transition);
					if (!joins.test(transition) || graph.outcome(next).isTerminal()) {
						continue;
					}
					if (index[next] < 0) {
						visit(next, ++depth);
					} else if (onStack[next]) {
						lowLink[node] = Math.min(lowLink[node], index[next]);
					}
					continue;
				}
				if (lowLink[node] == index[node]) {
					popComponent(node);
				}
				depth--;
				if (depth >= 0) {
					int parent = callNode[depth];
					lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
				}
			}
		}

		private void visit(int node, int depth) {
			index[node] = lowLink[node] = nextIndex++;
			stack[stackSize++] = node;
			onStack[node] = true;
			callNode[depth] = node;
			callEdge[depth] = graph.firstTransition(node);
		}

		/** The stages on the stack down to {@code node} form a component. */
		private void popComponent(int node) {
			start[componentCount] = memberCount;
			int member;
			do {
				member = stack[--stackSize];
				onStack[member] = false;
				component[member] = componentCount;
				members[memberCount++] = member;
			} while (member != node);
			componentCount++;
		}

		StronglyConnectedComponents result() {
			start[componentCount] = memberCount;
			return new StronglyConnectedComponents(component, Arrays.copyOf(members, memberCount),
					Arrays.copyOf(start, componentCount + 1), componentCount);
		}
	}
}
