package org.funnel.dsl.installcheck;

import org.eclipse.core.runtime.IProduct;
import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.widgets.Shell;

/** Which product is running, under which name, title and icons. */
final class ProductInfo {

	private ProductInfo() {
	}

	static void record(Results results) {
		IProduct product = Platform.getProduct();
		results.put("product.id", product == null ? "none" : product.getId());
		results.put("product.name", product == null ? "none" : product.getName());
		results.put("product.bundle", product == null ? "none" : product.getDefiningBundle().getSymbolicName());
		Shell shell = Ui.window().getShell();
		results.put("window.title", shell.getText());
		results.put("window.images", String.valueOf(shell.getImages().length));
	}
}
