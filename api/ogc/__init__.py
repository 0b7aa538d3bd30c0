"""OGC API Features (Part 1 Core, GeoJSON) over the enterprises and regions."""
