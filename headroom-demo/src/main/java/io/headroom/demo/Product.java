package io.headroom.demo;

/** One catalogue entry; {@code json} is its pre-rendered JSON object. Immutable. */
record Product(int id, String name, String category, long priceCents, String json) {
    static Product of(int id, String name, String category, long priceCents) {
        String json = new JsonWriter().beginObject()
                .field("id", id).field("name", name).field("category", category).field("priceCents", priceCents)
                .endObject().toString();
        return new Product(id, name, category, priceCents, json);
    }
}
