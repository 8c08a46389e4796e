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
		int n = graph.stageCount();
		int[] index = new int[n];
		int[] lowLink = new int[n];
		int[] component = new int[n];
		Arrays.fill(index, -1);
		Arrays.fill(component, -1);
		boolean[] onStack = new boolean[n];
		int[] stack = new int[n];
		int stackSize = 0;
		int[] callNode = new int[n];
		int[] callEdge = new int[n];
		int[] members = new int[n];
		int[] start = new int[n + 1];
		int memberCount = 0;
		int componentCount = 0;
		int nextIndex = 0;

		for (int root = 0; root < n; root++) {
			if (graph.outcome(root).isTerminal() || index[root] >= 0) {
				continue;
			}
			int depth = 0;
			callNode[0] = root;
			callEdge[0] = graph.firstTransition(root);
			index[root] = lowLink[root] = nextIndex++;
			stack[stackSize++] = root;
			onStack[root] = true;
			while (depth >= 0) {
				int node = callNode[depth];
				if (callEdge[depth] < graph.endTransition(node)) {
					int transition = callEdge[depth]++;
					int next = graph.target(transition);
					if (!joins.test(transition) || graph.outcome(next).isTerminal()) {
						continue;
					}
					if (index[next] < 0) {
						index[next] = lowLink[next] = nextIndex++;
						stack[stackSize++] = next;
						onStack[next] = true;
						depth++;
						callNode[depth] = next;
						callEdge[depth] = graph.firstTransition(next);
					} else if (onStack[next]) {
						lowLink[node] = Math.min(lowLink[node], index[next]);
					}
					continue;
				}
				if (lowLink[node] == index[node]) {
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
				depth--;
				if (depth >= 0) {
					int parent = callNode[depth];
					lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
				}
			}
		}
		start[componentCount] = memberCount;
		return new StronglyConnectedComponents(component, Arrays.copyOf(members, memberCount),
				Arrays.copyOf(start, componentCount + 1), componentCount);
	}
}
