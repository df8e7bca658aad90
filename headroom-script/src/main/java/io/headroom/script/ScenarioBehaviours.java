package io.headroom.script;

import io.headroom.core.engine.VuBehaviour;
import io.headroom.core.engine.VuBehaviourFactory;
import io.headroom.core.engine.VuContext;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpTransport;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Adapts a {@link Scenario} to the engine's {@link VuBehaviourFactory}: each VU gets its own
 * {@link HttpSession} from the transport, its own {@link Vu}, and a scenario instance from the supplier
 * (a class gives one instance per VU; an instance is shared). Thread-safe: the engine may create VUs
 * from many threads.
 */
public final class ScenarioBehaviours {
    private ScenarioBehaviours() {}

    /** One scenario instance per VU, from {@code scenarios}, called on the VU's thread. */
    public static VuBehaviourFactory factory(Supplier<? extends Scenario> scenarios, HttpTransport transport,
                                             VuSettings settings) {
        Objects.requireNonNull(scenarios, "scenarios");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(settings, "settings");
        return context -> {
            Scenario scenario = Objects.requireNonNull(scenarios.get(), "the scenario supplier returned null");
            HttpSession session = transport.newSession(settings.http().toSessionOptions());
            return new ScenarioBehaviour(scenario, new Vu(context, settings, session), session);
        };
    }

    /** One shared, thread-safe scenario instance for every VU (a compiled YAML flow is one). */
    public static VuBehaviourFactory factory(Scenario shared, HttpTransport transport, VuSettings settings) {
        Objects.requireNonNull(shared, "shared");
        return factory(() -> shared, transport, settings);
    }

    /** A new instance of {@code type} per VU, through its public no-argument constructor. */
    public static VuBehaviourFactory factory(Class<? extends Scenario> type, HttpTransport transport,
                                             VuSettings settings) {
        return factory(instantiator(type), transport, settings);
    }

    /**
     * A supplier of new instances through the public no-argument constructor.
     *
     * @throws IllegalArgumentException when the class is abstract or has no such constructor
     */
    public static Supplier<Scenario> instantiator(Class<? extends Scenario> type) {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is abstract; a scenario class must be concrete");
        }
        Constructor<? extends Scenario> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public no-argument constructor");
        }
        return () -> {
            try {
                return constructor.newInstance();
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException("the constructor of " + type.getName() + " failed: " + cause, cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
            }
        };
    }

    /** The engine-facing behaviour of one VU. */
    private static final class ScenarioBehaviour implements VuBehaviour {
        private final Scenario scenario;
        private final Vu vu;
        private final HttpSession session;

        ScenarioBehaviour(Scenario scenario, Vu vu, HttpSession session) {
            this.scenario = scenario;
            this.vu = vu;
            this.session = session;
        }

        @Override
        public void iteration(VuContext context) throws Exception {
            vu.beginIteration(context);
            scenario.iteration(vu);
        }

        @Override
        public void close() {
            vu.closeResources();
            session.close();
        }
    }
}
