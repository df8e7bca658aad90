package io.headroom.script.plan;

import io.headroom.script.Scenario;
import io.headroom.script.ScenarioBehaviours;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compiles a scenario written in Java ({@code headroom run Checkout.java}) in-process with the JDK's
 * compiler, against the running Headroom's own classpath, and loads it from a temporary folder that is
 * deleted when the JVM exits. Compile errors come back as a {@link PlanException} with one
 * {@code Checkout.java:LINE:COL: message} per error. Thread-safe (each call is independent).
 */
public final class JavaScenarioCompiler {
    private JavaScenarioCompiler() {}

    /**
     * Compiles and loads the file's public class implementing {@link Scenario} (the one named after the
     * file when there are several).
     *
     * @throws PlanException when the file is missing, does not compile, or holds no usable scenario class
     */
    public static CompiledScenario compile(Path javaFile) {
        String name = javaFile.toString();
        if (!Files.isRegularFile(javaFile)) throw error(name, Files.exists(javaFile) ? "is not a file" : "file not found");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw error(name, "this Java runtime has no compiler; run Headroom on a JDK to use Java scenarios");
        }
        Path output;
        try {
            output = Files.createTempDirectory("headroom-scenario-");
        } catch (IOException e) {
            throw error(name, "cannot create a temporary folder for compiled classes: " + e.getMessage());
        }
        output.toFile().deleteOnExit();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", output.toString(), "-classpath", classpath(), "-encoding", "UTF-8",
                    "-proc:none", "-implicit:none", "-nowarn", "-g");
            StringWriter compilerOutput = new StringWriter();
            compiled = compiler.getTask(compilerOutput, files, diagnostics, options, null,
                    files.getJavaFileObjects(javaFile.toFile())).call();
        } catch (IOException | RuntimeException e) {
            throw error(name, "the Java compiler failed: " + e.getMessage());
        }
        if (!compiled) {
            List<PlanError> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) continue;
                errors.add(new PlanError(name, (int) Math.max(0, d.getLineNumber()), (int) Math.max(0, d.getColumnNumber()), "",
                        oneLine(d.getMessage(Locale.ROOT))));
            }
            if (errors.isEmpty()) errors.add(new PlanError(name, 0, 0, "", "does not compile"));
            throw new PlanException(errors);
        }
        return new CompiledScenario(javaFile, load(name, javaFile, output));
    }

    /** javac's messages span lines ("cannot find symbol / symbol: ... / location: ..."); keep them on one. */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ").replaceAll(" {2,}", " ");
    }

    private static Class<? extends Scenario> load(String name, Path source, Path output) {
        List<String> classNames = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(output)) {
            walk.forEach(p -> {
                p.toFile().deleteOnExit();
                String rel = output.relativize(p).toString();
                if (rel.endsWith(".class") && !rel.contains("$")) {
                    classNames.add(rel.substring(0, rel.length() - ".class".length()).replace(File.separatorChar, '.'));
                }
            });
        } catch (IOException e) {
            throw error(name, "cannot read the compiled classes: " + e.getMessage());
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {output.toUri().toURL()}, Scenario.class.getClassLoader());
        } catch (java.net.MalformedURLException e) {
            throw error(name, "cannot load the compiled classes: " + e.getMessage());
        }
        String stem = source.getFileName().toString().replaceFirst("\\.java$", "");
        List<Class<? extends Scenario>> candidates = new ArrayList<>();
        for (String className : classNames) {
            Class<?> c;
            try {
                c = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw error(name, "cannot load class " + className + ": " + e);
            }
            if (Scenario.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                    && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
                candidates.add(c.asSubclass(Scenario.class));
            }
        }
        if (candidates.isEmpty()) {
            throw error(name, "no public class implementing io.headroom.script.Scenario; write for example "
                    + "'public final class " + stem + " implements Scenario { public void iteration(Vu vu) { ... } }'");
        }
        Class<? extends Scenario> chosen = candidates.stream().filter(c -> c.getSimpleName().equals(stem)).findFirst()
                .orElse(candidates.get(0));
        try {
            ScenarioBehaviours.instantiator(chosen);
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage());
        }
        return chosen;
    }

    /**
     * The running JVM's classpath plus wherever the Headroom API classes were loaded from: under a test
     * runner or a launcher, {@code java.class.path} alone may name only a manifest-only jar.
     */
    static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) entries.add(e);
        }
        for (Class<?> c : List.of(Scenario.class, io.headroom.core.plan.ExecutorSpec.class, io.headroom.http.HttpTransport.class,
                com.jayway.jsonpath.JsonPath.class, com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
            try {
                var codeSource = c.getProtectionDomain().getCodeSource();
                if (codeSource != null && codeSource.getLocation() != null) {
                    entries.add(Path.of(codeSource.getLocation().toURI()).toString());
                }
            } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
                // Not a file location (e.g. a custom class loader): the class path property has to do.
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static PlanException error(String file, String message) {
        return new PlanException(new PlanError(file, 0, 0, "", message));
    }
}
