package io.headroom.junit;

import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanLoader;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link LoadTest} annotation and its test instance into the {@link Plan} to run: the plan file or
 * factory method, the plan's {@code ${ENV:NAME}} looked up in the annotation's {@code env}, then the system
 * properties, then the environment, and the base URL from the first source that gives one. Stateless.
 */
final class LoadTestPlan {
    /** The system property and environment variable that give every load test its base URL. */
    static final String BASE_URL_PROPERTY = "headroom.baseUrl";
    static final String BASE_URL_VARIABLE = "HEADROOM_BASE_URL";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private LoadTestPlan() {}

    /**
     * The plan {@code test} asks for, with its base URL applied.
     *
     * @throws io.headroom.script.plan.PlanException when the plan file is missing or invalid
     * @throws ExtensionConfigurationException when the annotation or a factory method is misused
     */
    static Plan resolve(LoadTest test, Class<?> testClass, Object testInstance) {
        Function<String, String> env = environment(test);
        String baseUrl = baseUrl(test, testClass, testInstance);
        Plan plan = load(test, testClass, testInstance, env, baseUrl);
        return baseUrl == null ? plan : plan.withBaseUrl(baseUrl);
    }

    private static Plan load(LoadTest test, Class<?> testClass, Object instance, Function<String, String> env,
                             String baseUrl) {
        boolean file = !test.value().isBlank();
        boolean factory = !test.plan().isBlank();
        if (file == factory) {
            throw new ExtensionConfigurationException("@LoadTest needs exactly one of value (a plan file) and plan"
                    + " (a factory method), got " + (file ? "both" : "neither"));
        }
        if (file) {
            // The base URL takes part in loading: a relative URL is checked against it.
            PlanLoader loader = new PlanLoader(env);
            if (baseUrl != null) {
                try {
                    loader = loader.withBaseUrl(baseUrl);
                } catch (IllegalArgumentException e) {
                    throw new ExtensionConfigurationException("@LoadTest base URL \"" + baseUrl + "\": " + e.getMessage());
                }
            }
            return loader.read(Path.of(test.value()));
        }
        Method method = findMethod(testClass, test.plan());
        Object made = invoke(method, instance);
        return switch (made) {
            case Plan p -> p;
            case Scenario s -> {
                Options options = s.options();
                if (options == null) {
                    throw new ExtensionConfigurationException(method + " returned a Scenario whose options() is null:"
                            + " say how to run it (e.g. Options.constantVus(2, Duration.ofSeconds(5)))");
                }
                yield Plan.ofJava(test.plan(), testClass.getSimpleName() + "." + test.plan(), () -> s, options, Path.of(""));
            }
            case null -> throw new ExtensionConfigurationException(method + " returned null instead of a plan");
            default -> throw new ExtensionConfigurationException(method + " must return a Plan or a Scenario, returned "
                    + made.getClass().getName());
        };
    }

    /** {@code env} pairs of the annotation, then system properties, then the environment. */
    static Function<String, String> environment(LoadTest test) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : test.env()) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new ExtensionConfigurationException("@LoadTest env expects NAME=VALUE, got \"" + pair + "\"");
            pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return name -> {
            String value = pairs.get(name);
            if (value == null) value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        };
    }

    /** The annotation's baseUrl, a {@link BaseUrl} member, the system property, the environment; or null. */
    static String baseUrl(LoadTest test, Class<?> testClass, Object instance) {
        if (!test.baseUrl().isBlank()) return expand(test.baseUrl());
        String fromMember = fromMember(testClass, instance);
        if (fromMember != null) return fromMember;
        String property = System.getProperty(BASE_URL_PROPERTY);
        if (property != null && !property.isBlank()) return property;
        String variable = System.getenv(BASE_URL_VARIABLE);
        return variable == null || variable.isBlank() ? null : variable;
    }

    /** Replaces each {@code ${NAME}} with the system property, else the environment variable. */
    static String expand(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = System.getProperty(name, System.getenv(name));
            if (value == null) {
                throw new ExtensionConfigurationException("@LoadTest baseUrl \"" + text + "\": neither a system property"
                        + " nor an environment variable named " + name + " is set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String fromMember(Class<?> testClass, Object instance) {
        List<AnnotatedElement> members = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) if (f.isAnnotationPresent(BaseUrl.class)) members.add(f);
            for (Method m : c.getDeclaredMethods()) if (m.isAnnotationPresent(BaseUrl.class)) members.add(m);
        }
        if (members.isEmpty()) return null;
        if (members.size() > 1) throw new ExtensionConfigurationException("more than one @BaseUrl member in " + testClass.getName());
        AnnotatedElement member = members.getFirst();
        Object value;
        try {
            if (member instanceof Field f) {
                f.setAccessible(true);
                value = f.get(target((Member) f, instance));
            } else {
                value = invoke((Method) member, instance);
            }
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot read @BaseUrl " + member, e);
        }
        if (value == null) throw new ExtensionConfigurationException("@BaseUrl " + member + " is null when the load test starts");
        return value.toString();
    }

    private static Method findMethod(Class<?> testClass, String name) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) return m;
            }
        }
        throw new ExtensionConfigurationException("@LoadTest(plan = \"" + name + "\"): " + testClass.getName()
                + " has no method " + name + "() without parameters");
    }

    private static Object invoke(Method method, Object instance) {
        try {
            method.setAccessible(true);
            return method.invoke(target(method, instance));
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot call " + method, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new ExtensionConfigurationException(method + " threw " + cause, cause);
        }
    }

    private static Object target(Member member, Object instance) {
        if (Modifier.isStatic(member.getModifiers())) return null;
        if (instance == null) throw new ExtensionConfigurationException(member + " is not static and there is no test instance");
        return instance;
    }
}
