package org.funnel.dsl.ui;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ImageRegistry;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.plugin.AbstractUIPlugin;

/** The icons of funnels, stages, channels and transitions, from the plugin's icons folder. */
public final class FunnelImages {

	public static final String FUNNEL = "funnel";
	public static final String STAGE = "stage";
	public static final String WON_STAGE = "won";
	public static final String LOST_STAGE = "lost";
	public static final String CHANNEL = "channel";
	public static final String TRANSITION = "transition";
	public static final String IMPORT = "import";
	public static final String KEYWORD = "keyword";
	public static final String REFERENCE = "reference";
	public static final String TEMPLATE = "template";

	private FunnelImages() {
	}

	public static Image get(String key) {
		FunnelUiPlugin plugin = FunnelUiPlugin.getDefault();
		if (plugin == null) {
			return null;
		}
		ImageRegistry registry = plugin.getImageRegistry();
		Image image = registry.get(key);
		if (image == null) {
			ImageDescriptor descriptor = AbstractUIPlugin.imageDescriptorFromPlugin(FunnelUiPlugin.ID, "icons/" + key + ".png");
			if (descriptor == null) {
				return null;
			}
			registry.put(key, descriptor);
			image = registry.get(key);
		}
		return image;
	}
}
