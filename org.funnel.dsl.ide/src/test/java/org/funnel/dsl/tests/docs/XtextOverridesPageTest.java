package org.funnel.dsl.tests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.xtext.validation.CompositeEValidator;
import org.funnel.dsl.FunnelRuntimeModule;
import org.funnel.dsl.ide.FunnelIdeModule;
import org.funnel.dsl.ide.server.FunnelServerModule;
import org.junit.jupiter.api.Test;

import com.google.inject.Binder;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.name.Named;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.LinkedKeyBinding;
import com.google.inject.spi.ProviderKeyBinding;

/**
 * docs/xtext-overrides.md says it lists every place where the language replaces an Xtext service. Everything the
 * project's own Guice modules bind (the language's, the editor services' and the language server's) is named in one
 * of its tables: the class of the project it binds, or, where the binding is a provider method or a constant, what
 * it binds.
 */
class XtextOverridesPageTest {

	private static final Path PAGE = Path.of("docs/xtext-overrides.md");

	/** Constants the modules bind, by the name Xtext gives them, as the page writes them. */
	private static final Map<String, String> CONSTANTS = Map.of(CompositeEValidator.USE_EOBJECT_VALIDATOR,
			"CompositeEValidator.USE_EOBJECT_VALIDATOR");

	@Test
	void everyBindingOfTheProjectsModulesIsOnThePage() throws Exception {
		String tables = tables();
		Set<String> missing = new TreeSet<>();
		for (String name : boundNames()) {
			if (!tables.contains("`" + name + "`")) {
				missing.add(name);
			}
		}
		assertThat(missing).as("bound in the modules, missing from " + PAGE).isEmpty();
	}

	@Test
	void theServerModulesOwnClassesAreAmongThem() throws Exception {
		assertThat(boundNames()).contains("FunnelLanguageServerImpl", "FunnelWorkspaceManager",
				"FunnelServerModule.LanguageResourceSets", "IResourceServiceProvider.Registry");
	}

	/** The tables of the page, row by row. */
	private static String tables() throws Exception {
		StringBuilder rows = new StringBuilder();
		for (String line : Files.readAllLines(PAGE)) {
			if (line.startsWith("| ")) {
				rows.append(line).append('\n');
			}
		}
		return rows.toString();
	}

	/** What each binding of the modules binds, by the name the page would write. */
	private static Set<String> boundNames() throws Exception {
		Set<String> names = new TreeSet<>();
		for (Class<?> module : List.of(FunnelRuntimeModule.class, FunnelIdeModule.class)) {
			names.addAll(declaredBindings(module));
		}
		for (Element element : Elements.getElements(new FunnelServerModule())) {
			names.add(name(element));
		}
		return names;
	}

	/**
	 * The bindings a module of Xtext's kind declares itself (not those it inherits from the generated module): its
	 * bind methods give the class bound, its configure methods are run against Guice's recording binder.
	 */
	private static List<String> declaredBindings(Class<?> moduleClass) throws Exception {
		Object module = moduleClass.getDeclaredConstructor().newInstance();
		List<String> names = new ArrayList<>();
		for (Method method : moduleClass.getDeclaredMethods()) {
			if (!Modifier.isPublic(method.getModifiers())) {
				continue;
			}
			if (method.getName().startsWith("bind") && method.getParameterCount() == 0) {
				names.add(ours((Class<?>) method.invoke(module)));
			} else if (method.getName().startsWith("configure") && method.getParameterCount() == 1
					&& method.getParameterTypes()[0] == Binder.class) {
				Module configure = binder -> invoke(method, module, binder);
				Elements.getElements(configure).forEach(element -> names.add(name(element)));
			}
		}
		return names;
	}

	private static void invoke(Method method, Object module, Binder binder) {
		try {
			method.invoke(module, binder);
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A binding as the page names it: the project's class it binds to, else the constant's name, else the key's type. */
	private static String name(Element element) {
		if (element instanceof LinkedKeyBinding<?> linked) {
			return ours(linked.getLinkedKey().getTypeLiteral().getRawType());
		}
		if (element instanceof ProviderKeyBinding<?> provider) {
			return ours(provider.getProviderKey().getTypeLiteral().getRawType());
		}
		if (element instanceof Binding<?> binding) {
			Key<?> key = binding.getKey();
			if (key.getAnnotation() instanceof Named named) {
				String constant = CONSTANTS.get(named.value());
				assertThat(constant).as("a constant bound by the modules, named on the page and in CONSTANTS: " + named.value())
						.isNotNull();
				return constant;
			}
			return typeName(key.getTypeLiteral().getRawType());
		}
		throw new AssertionError("not a binding: " + element);
	}

	/** A class of the project, by its simple name (with its outer class for a nested one). */
	private static String ours(Class<?> type) {
		assertThat(type.getName()).as("bound to a class of the project").startsWith("org.funnel.dsl.");
		return typeName(type);
	}

	private static String typeName(Class<?> type) {
		return type.getEnclosingClass() == null ? type.getSimpleName()
				: typeName(type.getEnclosingClass()) + "." + type.getSimpleName();
	}
}
