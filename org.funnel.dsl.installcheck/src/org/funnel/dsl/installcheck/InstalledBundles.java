package org.funnel.dsl.installcheck;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** Which Funnel bundles the running Eclipse has, in which state, and which the editor's bundle is wired to. */
final class InstalledBundles {

	static final List<String> FUNNEL = List.of("org.funnel.dsl", "org.funnel.dsl.ide", "org.funnel.dsl.ui");

	private InstalledBundles() {
	}

	static void record(Results results) {
		for (Bundle bundle : FrameworkUtil.getBundle(InstalledBundles.class).getBundleContext().getBundles()) {
			if (FUNNEL.contains(bundle.getSymbolicName())) {
				String key = "bundle." + bundle.getSymbolicName();
				String seen = bundle.getVersion() + " " + state(bundle);
				results.put(key, results.has(key) ? results.get(key) + ", " + seen : seen);
			}
		}
		Bundle ui = Platform.getBundle("org.funnel.dsl.ui");
		BundleWiring wiring = ui == null ? null : ui.adapt(BundleWiring.class);
		if (wiring != null) {
			List<String> wired = new ArrayList<>();
			for (BundleWire wire : wiring.getRequiredWires(BundleNamespace.BUNDLE_NAMESPACE)) {
				Bundle provider = wire.getProvider().getBundle();
				if (FUNNEL.contains(provider.getSymbolicName())) {
					wired.add(provider.getSymbolicName() + " " + provider.getVersion());
				}
			}
			wired.sort(null);
			results.put("wiring.org.funnel.dsl.ui", String.join(", ", wired));
		}
	}

	static String state(Bundle bundle) {
		return switch (bundle.getState()) {
		case Bundle.ACTIVE -> "ACTIVE";
		case Bundle.STARTING -> "STARTING";
		case Bundle.RESOLVED -> "RESOLVED";
		case Bundle.INSTALLED -> "INSTALLED";
		default -> "STATE-" + bundle.getState();
		};
	}
}
