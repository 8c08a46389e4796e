package org.funnel.dsl.installcheck;

import java.net.URI;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.Update;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Updates the running Eclipse from an update site with p2's update operation, the one Help > Check for
 * Updates runs, and records what it offered and how the install went. The Funnel bundles are not signed:
 * where the wizard would ask the user to trust them, this trusts them, as the p2 director does.
 */
final class UpdateCheck {

	private final Results results;

	UpdateCheck(Results results) {
		this.results = results;
	}

	/** @return whether the update was installed (and Eclipse should restart, as the p2 UI asks). */
	boolean run(URI site) {
		BundleContext context = FrameworkUtil.getBundle(UpdateCheck.class).getBundleContext();
		ServiceReference<IProvisioningAgent> reference = context.getServiceReference(IProvisioningAgent.class);
		IProvisioningAgent agent = context.getService(reference);
		agent.registerService(UIServices.SERVICE_NAME, new TrustUnsigned());
		agent.getService(IMetadataRepositoryManager.class).addRepository(site);
		agent.getService(IArtifactRepositoryManager.class).addRepository(site);

		UpdateOperation operation = new UpdateOperation(new ProvisioningSession(agent));
		IStatus resolved = operation.resolveModal(new NullProgressMonitor());
		results.put("update.resolve", resolved.toString());
		List<String> offered = new ArrayList<>();
		for (Update update : operation.getSelectedUpdates()) {
			offered.add(update.toUpdate.getId() + " " + update.toUpdate.getVersion() + " -> " + update.replacement.getVersion());
		}
		results.put("update.offered", String.join(", ", offered));
		if (!resolved.isOK() || offered.isEmpty()) {
			return false;
		}
		ProvisioningJob job = operation.getProvisioningJob(new NullProgressMonitor());
		IStatus installed = job.runModal(new NullProgressMonitor());
		results.put("update.install", installed.toString());
		return installed.isOK();
	}

	/** Trusts what the site holds, signed or not, and asks for no password. */
	private static final class TrustUnsigned extends UIServices {

		@Override
		public AuthenticationInfo getUsernamePassword(String location) {
			return AUTHENTICATION_PROMPT_CANCELED;
		}

		@Override
		public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
			return AUTHENTICATION_PROMPT_CANCELED;
		}

		@Override
		public TrustInfo getTrustInfo(Certificate[][] untrustedChains, String[] unsignedDetail) {
			List<Certificate> trusted = new ArrayList<>();
			if (untrustedChains != null) {
				for (Certificate[] chain : untrustedChains) {
					trusted.add(chain[0]);
				}
			}
			return new TrustInfo(trusted.toArray(Certificate[]::new), false, true);
		}
	}
}
