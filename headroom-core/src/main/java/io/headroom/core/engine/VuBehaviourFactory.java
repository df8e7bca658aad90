package io.headroom.core.engine;

/** Creates the behaviour of one VU; called once per VU, on that VU's thread, before its first iteration. */
@FunctionalInterface
public interface VuBehaviourFactory {
    VuBehaviour create(VuContext vu) throws Exception;
}
