package org.funnel.dsl.generator.diff;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.funnel.dsl.diagram.DiagramOptions;
import org.funnel.dsl.funnel.Stage;
import org.funnel.dsl.generator.FunnelWorkspace.Unit;
import org.funnel.dsl.model.EffectiveFunnel;

/**
 * What changed between two versions of funnels, worked out once by {@link FunnelDiff} and rendered from here (as
 * Markdown, as pictures): the funnels that changed, in the order of the new version, then the removed ones.
 */
public record DiffResult(List<FunnelChange> funnels) {

	public DiffResult {
		funnels = List.copyOf(funnels);
	}

	public boolean hasChanges() {
		return !funnels.isEmpty();
	}

	/**
	 * One funnel's changes: the funnel in each version ({@code before} null for a funnel added, {@code after} null for
	 * one removed); for an added or removed funnel a {@code summary}, for a changed one its changes in {@code groups};
	 * and what the pictures of each version outline as changed.
	 */
	public record FunnelChange(Unit before, Unit after, String summary, List<Group> groups, Marks beforeMarks,
			Marks afterMarks) {

		/** The funnel's name now (a removed funnel's last name): its heading and its pictures' file name. */
		public String name() {
			return (after != null ? after : before).funnel().getName();
		}
	}

	/** Changes of one kind ("Stages", "Transitions", ...), each a sentence in Markdown. */
	public record Group(String title, List<String> changes) {
	}

	/** What a picture outlines as changed: stage names and transitions as {@link DiagramOptions#transitionKey}. */
	public record Marks(Set<String> stages, Set<String> transitions) {

		static Marks none() {
			return new Marks(new TreeSet<>(), new TreeSet<>());
		}

		/** Every stage and transition of the funnel (one added or removed as a whole). */
		static Marks all(EffectiveFunnel structure) {
			Marks marks = none();
			structure.stages().forEach(stage -> marks.stages().add(stage.getName()));
			structure.transitions().forEach(t -> marks.transitions().add(transitionKey((Stage) t.eContainer(), t.getTarget())));
			return marks;
		}

		static String transitionKey(Stage from, Stage to) {
			return DiagramOptions.transitionKey(from.getName(), to == null ? "" : to.getName());
		}
	}
}
