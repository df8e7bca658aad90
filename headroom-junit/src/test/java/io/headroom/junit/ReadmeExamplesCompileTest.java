package io.headroom.junit;

import org.junit.jupiter.api.Test;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java examples compile as written, against the artifacts a user adds: each {@code ```java}
 * block gets the imports a user's IDE would add, and a block that is a method rather than a class is put
 * in a class of its own.
 */
class ReadmeExamplesCompileTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");
    private static final String IMPORTS = """
            import io.headroom.core.result.*;
            import io.headroom.junit.*;
            import io.headroom.script.*;
            import io.headroom.script.plan.*;
            import java.time.Duration;
            import static org.assertj.core.api.Assertions.assertThat;
            """;

    @Test
    void everyJavaBlockOfTheReadmeCompiles() throws IOException {
        Path readme = Path.of("../README.md");
        Matcher m = JAVA_BLOCK.matcher(Files.readString(readme));
        List<JavaFileObject> sources = new ArrayList<>();
        while (m.find()) {
            String block = m.group(1);
            String name = "ReadmeExample" + (sources.size() + 1);
            Matcher declared = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)").matcher(block);
            boolean isClass = declared.find();
            String source = isClass ? IMPORTS + block : IMPORTS + "class " + name + " {\n" + block + "}\n";
            sources.add(new Source(isClass ? declared.group(1) : name, source));
        }
        assertThat(sources).as("java blocks in " + readme).hasSizeGreaterThanOrEqualTo(2);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("readme-examples");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of("-classpath", classPath(), "-d", out.toString(), "-proc:none");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
            assertThat(ok).as(() -> diagnostics.getDiagnostics().toString()).isTrue();
        }
    }

    /** Surefire may hide the class path behind a manifest-only jar; it names the real one here. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
