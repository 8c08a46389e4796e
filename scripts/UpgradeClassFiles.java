import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;

/**
 * Rewrites the class files of Java 5 and older in a shaded jar (EMF, log4j, ANTLR in the language server's and
 * the command line's) as Java 6 class files with stack map frames, in place:
 * {@code java -cp ASM_JARS UpgradeClassFiles.java JAR}. The Maven build runs it after shading (the root pom's
 * class-file-upgrade steps).
 * <p>
 * Why: the JVM leaves classes older than Java 6 out of an AOT cache once they have been verified (they
 * need the old, slow verifier), and with them every class that extends or implements one of them, which
 * is most of Xtext's model and parser. Rewritten, they go into the cache like the rest. The code of the
 * methods stays the same; only the frames the verifier needs are added. Java 6 class files are still
 * verified the old way by the JVM if their frames do not check out, so a frame computed wrongly (a class
 * the jar does not have) costs speed, never correctness.
 */
public final class UpgradeClassFiles {

	private record Type(String superName, String[] interfaces, boolean isInterface) {
	}

	private final Map<String, Type> types = new HashMap<>();
	private final Map<String, byte[]> entries;

	private UpgradeClassFiles(Map<String, byte[]> entries) {
		this.entries = entries;
		entries.forEach((name, bytes) -> {
			if (name.endsWith(".class") && !name.contains("META-INF/")) {
				ClassReader reader = new ClassReader(bytes);
				types.put(reader.getClassName(), new Type(reader.getSuperName(), reader.getInterfaces(),
						(reader.getAccess() & Opcodes.ACC_INTERFACE) != 0));
			}
		});
	}

	public static void main(String[] args) throws IOException {
		Path jar = Path.of(args[0]);
		Map<String, byte[]> entries = new LinkedHashMap<>();
		Map<String, ZipEntry> headers = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
				headers.put(entry.getName(), entry);
			}
		}
		UpgradeClassFiles upgrade = new UpgradeClassFiles(entries);
		int upgraded = 0;
		Path temporary = jar.resolveSibling(jar.getFileName() + ".upgrading");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				byte[] bytes = entry.getValue();
				if (entry.getKey().endsWith(".class") && !entry.getKey().contains("META-INF/") && major(bytes) < 50) {
					bytes = upgrade.upgrade(bytes);
					upgraded++;
				}
				ZipEntry header = new ZipEntry(entry.getKey());
				header.setTime(headers.get(entry.getKey()).getTime());
				out.putNextEntry(header);
				out.write(bytes);
				out.closeEntry();
			}
		}
		Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING);
		System.out.println("UpgradeClassFiles: " + upgraded + " class files of Java 5 and older rewritten as Java 6 in " + jar);
	}

	private static int major(byte[] classFile) {
		return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
	}

	private byte[] upgrade(byte[] bytes) {
		ClassReader reader = new ClassReader(bytes);
		ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
			@Override
			protected String getCommonSuperClass(String first, String second) {
				return commonSuperClass(first, second);
			}
		};
		reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
			@Override
			public void visit(int version, int access, String name, String signature, String superName,
					String[] interfaces) {
				super.visit(Opcodes.V1_6, access, name, signature, superName, interfaces);
			}

			@Override
			public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
					String[] exceptions) {
				// Old compilers wrote finally blocks as subroutines, which stack map frames cannot describe.
				return new JSRInlinerAdapter(super.visitMethod(access, name, descriptor, signature, exceptions), access,
						name, descriptor, signature, exceptions);
			}
		}, ClassReader.SKIP_FRAMES);
		return writer.toByteArray();
	}

	/** The nearest common superclass, from the jar's classes and the JDK's; Object where either is unknown. */
	private String commonSuperClass(String first, String second) {
		Type a = type(first);
		Type b = type(second);
		if (a == null || b == null) {
			return "java/lang/Object";
		}
		if (isAssignable(first, second)) {
			return first;
		}
		if (isAssignable(second, first)) {
			return second;
		}
		if (a.isInterface() || b.isInterface()) {
			return "java/lang/Object";
		}
		for (String candidate = a.superName(); candidate != null; candidate = superName(candidate)) {
			if (isAssignable(candidate, second)) {
				return candidate;
			}
		}
		return "java/lang/Object";
	}

	private String superName(String name) {
		Type type = type(name);
		return type == null ? null : type.superName();
	}

	/** Whether a value of class {@code from} is an {@code to}. */
	private boolean isAssignable(String to, String from) {
		List<String> pending = new ArrayList<>(List.of(from));
		while (!pending.isEmpty()) {
			String name = pending.remove(pending.size() - 1);
			if (name.equals(to)) {
				return true;
			}
			Type type = type(name);
			if (type != null) {
				if (type.superName() != null) {
					pending.add(type.superName());
				}
				pending.addAll(List.of(type.interfaces()));
			}
		}
		return false;
	}

	private Type type(String name) {
		Type type = types.get(name);
		if (type == null && !types.containsKey(name)) {
			// A class of the JDK (java.base and the other modules), read from the runtime image.
			try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(name + ".class")) {
				if (in != null) {
					ClassReader reader = new ClassReader(in);
					type = new Type(reader.getSuperName(), reader.getInterfaces(),
							(reader.getAccess() & Opcodes.ACC_INTERFACE) != 0);
				}
			} catch (IOException e) {
				type = null;
			}
			types.put(name, type);
		}
		return type;
	}
}
