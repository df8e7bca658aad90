package io.headroom.script;

/** How a data source hands rows to virtual users. */
public enum DataStrategy {
    /** Each iteration of any VU takes the next row of one shared cursor; after the last row, the first again. */
    CIRCULAR,
    /** Each iteration takes a uniformly random row; rows repeat. */
    RANDOM,
    /**
     * Each VU claims its own row on first use and keeps it for its whole life, so no two VUs share a row
     * (log-in users, accounts). A VU that finds every row claimed fails its iterations with a clear message;
     * the plan loader rejects plans whose scenarios may run more VUs than the source has rows.
     */
    UNIQUE;

    /** The name used in plans: {@code circular}, {@code random}, {@code unique}. */
    public String planName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
