package io.headroom.script;

import java.util.Map;
import java.util.Objects;

/**
 * What every VU of a scenario shares: the base URL that relative request URLs are resolved against
 * (null: every URL must be absolute), the HTTP defaults, and the data sources by name. Immutable.
 */
public record VuSettings(String baseUrl, HttpDefaults http, Map<String, DataSource> data) {
    public static final VuSettings DEFAULTS = new VuSettings(null, HttpDefaults.DEFAULTS, Map.of());

    public VuSettings {
        http = http == null ? HttpDefaults.DEFAULTS : http;
        data = data == null ? Map.of() : Map.copyOf(data);
        if (baseUrl != null) {
            baseUrl = baseUrl.strip();
            while (baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    public VuSettings withBaseUrl(String url) {
        return new VuSettings(url, http, data);
    }

    public VuSettings withHttp(HttpDefaults value) {
        return new VuSettings(baseUrl, Objects.requireNonNull(value), data);
    }

    public VuSettings withData(Map<String, DataSource> value) {
        return new VuSettings(baseUrl, http, value);
    }
}
