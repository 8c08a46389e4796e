package org.funnel.dsl.testing.crm;

import java.util.Map;

import org.funnel.dsl.testing.crm.HubSpotContract.Version;
import org.funnel.dsl.testing.crm.HubSpotTestServer.DealCheck;

/**
 * Whether HubSpot checks that a stage (or the stages of a pipeline) holds no records before it deletes it, per API
 * version and query parameters, as HubSpot's documents say; where they disagree, {@link DealCheck} picks a reading (the guide's by default).
 * <ul>
 * <li>v3 and 2026-03: every check defaults to false (both specs). The stage DELETE has one parameter,
 * {@code validateReferencesBeforeDelete}; pipeline DELETE, PUT and PATCH have it and
 * {@code validateDealStageUsagesBeforeDelete}. A check happens only when a parameter says {@code true}.</li>
 * <li>2026-09: HubSpot's changelog ("Breaking Change: Pipeline and pipeline stage delete endpoints will validate
 * references by default starting with the 2026-09 API version") and its 2026-09 Pipelines guide: the checks default
 * to true on pipeline DELETE, PUT, PATCH and the stage DELETE; {@code validateDealStageUsagesBeforeDelete} is the check
 * of deal pipelines, {@code validateReferencesBeforeDelete} the one of every other object; {@code false} bypasses.
 * The 2026-09 spec (the -beta file, see the README of vendor/hubspot) gives the stage DELETE only
 * {@code validateReferencesBeforeDelete}, default true.</li>
 * </ul>
 */
final class DeleteChecks {

	static final String REFERENCES = "validateReferencesBeforeDelete";
	static final String DEAL_STAGE_USAGES = "validateDealStageUsagesBeforeDelete";

	private DeleteChecks() {
	}

	/** Whether a stage DELETE is refused while the stage holds records. */
	static boolean stageDelete(Version version, String objectType, Map<String, String> query, DealCheck dealCheck) {
		if (version != Version.V2026_09) {
			return "true".equals(query.get(REFERENCES));
		}
		if (objectType.equals("deals")) {
			return switch (dealCheck) {
			case GUIDE -> !"false".equals(query.get(DEAL_STAGE_USAGES));
			case SPEC -> !"false".equals(query.get(REFERENCES));
			case IGNORED -> false;
			};
		}
		return !"false".equals(query.get(REFERENCES));
	}

	/** Whether a pipeline DELETE or PUT is refused while a stage it would remove holds records. */
	static boolean pipelineCall(Version version, String objectType, Map<String, String> query, DealCheck dealCheck) {
		if (version != Version.V2026_09) {
			return "true".equals(query.get(REFERENCES)) || "true".equals(query.get(DEAL_STAGE_USAGES));
		}
		if (objectType.equals("deals")) {
			return switch (dealCheck) {
			case GUIDE -> !"false".equals(query.get(DEAL_STAGE_USAGES));
			case SPEC -> !"false".equals(query.get(REFERENCES)) || !"false".equals(query.get(DEAL_STAGE_USAGES));
			case IGNORED -> false;
			};
		}
		return !"false".equals(query.get(REFERENCES));
	}
}
