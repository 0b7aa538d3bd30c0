"""The Web Mercator tile grid: which tiles exist, where they lie, and the clustering cells inside them."""

import math
from dataclasses import dataclass

from api.errors import BadRequest

MAX_ZOOM = 22
EARTH_RADIUS = 6378137.0
# Half the width of the Web Mercator world in metres; tile (0, 0) starts at (-HALF_WORLD, +HALF_WORLD).
HALF_WORLD = math.pi * EARTH_RADIUS
MAX_LATITUDE = 85.0511287798066
EXTENT = 4096
BUFFER = 64
# Cells per tile side when clustering: 32 × 32 cells of 16 px on a 512 px tile, so at most 1,024
# clusters per tile whatever the number of enterprises under it.
CLUSTER_CELLS = 32


@dataclass(frozen=True)
class Tile:
    z: int
    x: int
    y: int

    @classmethod
    def checked(cls, z: int, x: int, y: int) -> "Tile":
        """The tile, or a 400 problem when it is outside the grid (z 0..22, x and y below 2^z)."""
        if not 0 <= z <= MAX_ZOOM:
            raise BadRequest(f"Zoom {z} is outside 0..{MAX_ZOOM}.", pointer="/path/z")
        size = 1 << z
        if not 0 <= x < size:
            raise BadRequest(f"x = {x} is outside 0..{size - 1} at zoom {z}.", pointer="/path/x")
        if not 0 <= y < size:
            raise BadRequest(f"y = {y} is outside 0..{size - 1} at zoom {z}.", pointer="/path/y")
        return cls(z, x, y)

    def lonlat_bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees: a Mercator tile is a lon/lat rectangle too."""
        size = 1 << self.z
        west = self.x / size * 360.0 - 180.0
        east = (self.x + 1) / size * 360.0 - 180.0
        north = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * self.y / size))))
        south = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (self.y + 1) / size))))
        return west, south, east, north

    @property
    def cell_size(self) -> float:
        """The clustering cell's side in metres; cells tile the world, so each lies in one tile."""
        return 2 * HALF_WORLD / ((1 << self.z) * CLUSTER_CELLS)

    def cell_ranges(self) -> tuple[int, int, int, int]:
        """(first column, last column, first row, last row) of this tile's cells in the world grid."""
        return (self.x * CLUSTER_CELLS, self.x * CLUSTER_CELLS + CLUSTER_CELLS - 1,
                self.y * CLUSTER_CELLS, self.y * CLUSTER_CELLS + CLUSTER_CELLS - 1)
