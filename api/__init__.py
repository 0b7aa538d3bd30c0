"""Social Enterprise Map: the directory API over PostGIS."""
