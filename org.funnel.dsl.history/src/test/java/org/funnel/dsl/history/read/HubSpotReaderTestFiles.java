package org.funnel.dsl.history.read;

import java.nio.file.Path;

/** Where the saved HubSpot answers of the tests are, for tests of other packages. */
public final class HubSpotReaderTestFiles {

	public static final Path BATCH = HubSpotReaderTest.BATCH;

	private HubSpotReaderTestFiles() {
	}
}
