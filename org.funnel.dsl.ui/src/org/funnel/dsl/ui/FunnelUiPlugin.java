package org.funnel.dsl.ui;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/** The bundle activator: the one place that knows the plugin id and logs for the editor. */
public class FunnelUiPlugin extends AbstractUIPlugin {

	public static final String ID = "org.funnel.dsl.ui";

	private static FunnelUiPlugin instance;

	@Override
	public void start(BundleContext context) throws Exception {
		super.start(context);
		instance = this;
	}

	@Override
	public void stop(BundleContext context) throws Exception {
		instance = null;
		super.stop(context);
	}

	public static FunnelUiPlugin getDefault() {
		return instance;
	}

	public static void log(String message, Throwable error) {
		ILog.of(FunnelUiPlugin.class).log(new Status(IStatus.ERROR, ID, message, error));
	}
}
