package io.headroom.testing.cyclefixture.a;

import io.headroom.testing.cyclefixture.b.B;

/** Half of a deliberate package cycle (a → b → a), the negative control of {@code PackageCyclesRuleTest}. */
public final class A {
    public B b;
}
