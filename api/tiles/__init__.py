"""Mapbox Vector Tiles of the enterprises, built by PostGIS, with a TileJSON description."""
