"""Finding a reference emblem inside a picture (国徽/徽标特征比对).

The comparison works on *structure*, never on colour, in two steps.

1. Proposal by local features. Picture and reference are reduced to grey, their contrast
   stretched and speckle smoothed. ORB keypoints (corners at several scales, each with a binary
   descriptor measured along the corner's own orientation, so indifferent to rotation and size)
   of the reference are matched to those of the picture: a reference keypoint keeps its nearest
   picture keypoint when that one is clearly nearer than the second nearest (Lowe's ratio test).
   RANSAC then fits a similarity transform (rotation, uniform scale, shift) to the matches; the
   matches it explains are the inliers. What descriptors cannot absorb is covered by matching
   more than one *view* of the reference: mirrored (when mirroring changes it), and with light
   and dark swapped (a hue change or an inverted copy reverses which side of an edge is darker).
   Each view is described at several sizes, so that a copy a quarter of the reference's size
   meets keypoints taken at its own scale. A thinned set of reference keypoints is tried first;
   only a view that finds a few agreeing matches that way is matched in full.
2. Verification by the whole shape. A few matching corners prove little: a company seal's star
   has corners like the emblem's stars, and a seal's ring of characters lines up with another's.
   So the picture is warped onto the reference by the fitted transform and the two are compared
   everywhere the reference has content: the agreement of their edge directions (gradient
   orientation, doubled so that light-on-dark and dark-on-light count alike), weighted by edge
   strength. A true copy, however recoloured or compressed, agrees over the whole emblem; a
   chance alignment agrees only where it was aligned.

This module only measures. The decision (how many inliers and how much agreement make an emblem)
belongs to `kaoping.adapters.image_registry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

__all__ = [
    "Correspondence",
    "FeatureSet",
    "Query",
    "ReferenceFeatures",
    "correspond",
    "query_features",
    "reference_features",
    "structure",
]

Grey = npt.NDArray[np.uint8]
Points = npt.NDArray[np.float32]
Field = npt.NDArray[np.complex64]

# Pictures are examined at about this many pixels: an emblem filling a tenth of a poster keeps
# enough detail, and the time stays bounded whatever the file's size.
_QUERY_PIXELS = 250_000
# Smaller pictures are enlarged towards that size (at most this much). Enlarging adds no detail,
# but lets ORB's pyramid start above the size of a small emblem, where the reference's finer
# levels (and most of its keypoints) lie.
_MAX_ENLARGE = 1.4
_MIN_SIDE = 256
# Pictures with a shorter side than this hold no recognisable emblem.
_TOO_SMALL = 12
# Keypoints kept of a picture: one per this many pixels, within these bounds. Matching costs in
# proportion, and a small picture (a photo, a seal) has fewer corners worth keeping.
_QUERY_FEATURES = 1500
_MIN_QUERY_FEATURES = 500
_PIXELS_PER_FEATURE = 160
# Keypoints are capped per cell of this grid so that text or a busy background cannot take the
# whole budget.
_SPREAD_GRID = 8
# The reference is examined at this long side, with this many keypoints per view.
_REFERENCE_SIDE = 512
_REFERENCE_FEATURES = 1500
# Lowe's ratio test, on Hamming distances.
_RATIO = 0.85
# RANSAC tolerance in pixels of the reference at `_REFERENCE_SIDE`.
_REPROJECTION = 6.0
# A placement making the reference larger or smaller than this (in the examined picture) is none.
_SCALE_BOUNDS = (0.05, 20.0)
# Mean grey difference (of 255) under which a reference counts as its own mirror image.
_SYMMETRIC = 2.0
# The reference is divided into a grid of this many cells a side to measure coverage.
_GRID = 6
# Verification compares edges with the reference at this long side (pixels) ...
_VERIFY_SIDE = 384
# ... after smoothing over this many pixels, which forgives small misalignments, ...
_VERIFY_SMOOTH = 0.8
# ... in a grid of this many cells a side, judging a cell that holds this many edge pixels, ...
_CELLS = 6
_CELL_EDGES = 15
# ... and giving no score when fewer cells than this can be judged.
_MIN_CELLS = 4
# Gradient magnitude (Sobel, grey levels) below which an edge is too faint to count.
_FAINT = 8.0
# A first pass uses every n-th reference keypoint; only views finding this many inliers get the
# full match. Most pictures are no emblem at all, and this keeps them cheap.
_SCOUT_STEP = 3
_SCOUT_INLIERS = 3
# Placements with fewer inliers than this are not verified (their agreement is reported as 0).
_VERIFY_INLIERS = 6
# Keypoints are found in a picture framed by this many pixels (ORB ignores a margin of its patch
# size, which on a small picture or pyramid level would be most of it).
_PAD = 32
# The reference is described drawn at these fractions of `_REFERENCE_SIDE`, each with a short
# pyramid of this many levels and an equal share of the keypoints.
_REFERENCE_SCALES = (1.0, 0.6, 0.36, 0.22)
_REFERENCE_LEVELS = 3
# Brightness weights (ITU-R BT.601, as Pillow's "L"), and the share of the strongest colour
# direction's variance brightness must carry to be used as it is.
_LUMA = np.array([0.299, 0.587, 0.114], np.float32)
_LUMA_SHARE = 0.5
# Local contrast is evened out (CLAHE, clip limit and tile side in pixels): a faded or
# low-contrast copy, or one on a dark ground, otherwise yields few keypoints in the emblem.
_CLAHE = 2.0
_CLAHE_TILE = 96
_EMPTY_POINTS = np.zeros((0, 2), np.float32)
_EMPTY_DESCRIPTORS = np.zeros((0, 32), np.uint8)


@dataclass(frozen=True, eq=False)
class FeatureSet:
    """Keypoint positions (N × 2, pixels of the examined grey picture) and their descriptors."""

    points: Points
    descriptors: npt.NDArray[np.uint8]

    def __len__(self) -> int:
        return len(self.points)

    def every(self, step: int) -> FeatureSet:
        """Every `step`-th keypoint (a thinned set for a first, cheap pass)."""
        return FeatureSet(self.points[::step], self.descriptors[::step])


_NO_FEATURES = FeatureSet(_EMPTY_POINTS, _EMPTY_DESCRIPTORS)


@dataclass(frozen=True, eq=False)
class Query:
    """A picture to screen.

    Attributes:
        grey: The examined grey picture (None when the picture is too small to hold an emblem).
        features: Its keypoints.
    """

    grey: Grey | None
    features: FeatureSet


@dataclass(frozen=True, eq=False)
class View:
    """One way the reference may appear: plain or light/dark swapped, mirrored or not."""

    mirrored: bool
    features: FeatureSet


@dataclass(frozen=True, eq=False)
class ReferenceFeatures:
    """What screening needs of one reference, computed once.

    Attributes:
        views: The views to match against.
        grey: The examined reference picture (on black paper).
        content: Where the reference has content (not transparent), same size as `grey`.
        cells: Number of grid cells holding any keypoint of the first view.
    """

    views: tuple[View, ...]
    grey: Grey
    content: npt.NDArray[np.bool_]
    cells: int
    _sketches: dict[bool, Sketch] = field(default_factory=dict, repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """(height, width) of the examined reference picture."""
        return self.grey.shape[0], self.grey.shape[1]

    def sketch(self, mirrored: bool) -> Sketch:
        """The reference's edges as verification compares them (made once, then kept)."""
        made = self._sketches.get(mirrored)
        if made is None:
            made = _sketch(self.grey, self.content, mirrored)
            self._sketches[mirrored] = made
        return made


@dataclass(frozen=True, eq=False)
class Sketch:
    """A reference reduced to its edges at `_VERIFY_SIDE`, for verification.

    Attributes:
        directions: Doubled-angle unit edge directions, lightly smoothed.
        edges: Where the reference has a clear edge (within its content).
        cells: Grid cell number (`_CELLS` × `_CELLS`) of every pixel.
        content: Where the reference has content.
    """

    directions: Field
    edges: npt.NDArray[np.bool_]
    cells: npt.NDArray[np.intp]
    content: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Correspondence:
    """The best placement of a reference found in a picture.

    Attributes:
        inliers: Keypoint matches that agree with the placement.
        coverage: Share of the reference's grid cells (those with any keypoint) holding an inlier.
        agreement: Edge-direction agreement of the placed picture with the reference over the
            reference's content, from 0 (unrelated) to 1 (the same drawing).
        mirrored: Whether the picture shows the reference mirrored.
        scale: Size of the reference in the examined picture relative to the reference picture.
    """

    inliers: int
    coverage: float
    agreement: float
    mirrored: bool
    scale: float


# ---------------------------------------------------------------- preparing pictures


def _flatten(image: Image.Image, target_pixels: int, paper: int) -> Image.Image:
    """The picture as RGB printed on grey level `paper`, reduced to about `target_pixels`."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    pixels = image.width * image.height
    if pixels > target_pixels:
        factor = (target_pixels / pixels) ** 0.5
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image = image.resize(size, Image.Resampling.BOX, reducing_gap=3.0)
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (paper, paper, paper, 255))
    background.alpha_composite(rgba)
    return background.convert("RGB")


def structure(
    image: Image.Image, target_pixels: int = _QUERY_PIXELS, paper: int = 255
) -> Grey | None:
    """The grey picture features are taken from, or None when it is too small to hold an emblem.

    Grey keeps the light/dark structure of any colouring; stretching the 1st..99th percentile to
    full range evens out faded or low-contrast copies; a 3 × 3 median removes JPEG speckle and
    pixel noise, which would otherwise take the strongest corners; CLAHE then evens out local
    contrast.
    """
    prepared = _prepare(image, target_pixels, paper)
    return None if prepared is None else prepared[0]


def _decolour(rgb: npt.NDArray[np.uint8], allow: bool) -> npt.NDArray[np.float32]:
    """Grey levels that keep the picture's contrast, whatever its colours.

    Usually brightness (luminance). But a cyan seal on a pink ground, or blue on magenta, differ
    in colour and hardly in brightness: in luminance they vanish. When brightness carries less
    than half the variance of the picture's strongest colour direction, the colours are projected
    onto that direction (the first principal component) instead, signed to follow brightness.
    """
    pixels = rgb.reshape(-1, 3).astype(np.float32)
    luminance = pixels @ _LUMA
    if not allow:
        return luminance.reshape(rgb.shape[:2])
    sample = pixels[:: max(1, len(pixels) // 20_000)]
    covariance = np.cov(sample, rowvar=False)
    values, vectors = np.linalg.eigh(covariance)
    strongest, axis = float(values[-1]), vectors[:, -1]
    luma_axis = _LUMA / np.linalg.norm(_LUMA)
    if float(luma_axis @ covariance @ luma_axis) >= _LUMA_SHARE * strongest:
        return luminance.reshape(rgb.shape[:2])
    if float(axis @ luma_axis) < 0:
        axis = -axis
    return (pixels @ axis.astype(np.float32)).reshape(rgb.shape[:2])


def _prepare(
    image: Image.Image, target_pixels: int, paper: int, decolour: bool = False
) -> tuple[Grey, float] | None:
    """`structure` and how much the picture was enlarged for it."""
    if min(image.size) < _TOO_SMALL:
        return None
    rgb = np.asarray(_flatten(image, target_pixels, paper), dtype=np.uint8)
    levels = _decolour(rgb, decolour)
    low, high = np.percentile(levels, (1, 99))
    if high - low >= 1:
        stretched = (levels - float(low)) * (255.0 / float(high - low))
        grey = np.clip(stretched, 0, 255).astype(np.uint8)
    else:
        grey = np.clip(levels, 0, 255).astype(np.uint8)
    # Smooth before enlarging: enlarged, a noisy pixel becomes a blob the median cannot remove.
    grey = _grey(cv2.medianBlur(grey, 3))
    if _CLAHE > 0:
        tiles = max(1, round(max(grey.shape) / _CLAHE_TILE))
        grey = _grey(cv2.createCLAHE(_CLAHE, (tiles, tiles)).apply(grey))
    factor = min(_MAX_ENLARGE, (target_pixels / (grey.shape[0] * grey.shape[1])) ** 0.5)
    factor = max(factor, _MIN_SIDE / max(grey.shape))
    if factor <= 1.05:
        return grey, 1.0
    size = (round(grey.shape[1] * factor), round(grey.shape[0] * factor))
    return _grey(cv2.resize(grey, size, interpolation=cv2.INTER_CUBIC)), factor


def _grey(array: npt.ArrayLike) -> Grey:
    return np.asarray(array, dtype=np.uint8)


def _orb(features: int, levels: int) -> cv2.ORB:
    # Ask for several times the budget; `_spread` keeps the budget, spread over the picture.
    return cv2.ORB.create(nfeatures=features * 3, scaleFactor=1.2, nlevels=levels, fastThreshold=10)


def _spread(
    shape: tuple[int, ...], keypoints: Sequence[cv2.KeyPoint], budget: int, balanced: bool
) -> list[cv2.KeyPoint]:
    """Keep `budget` keypoints, each pyramid level its share, spread over the picture.

    Each level keeps as many as it found in proportion (ORB finds fewer at coarse levels, as
    they are smaller), or, when `balanced` (the reference), the same share: a small copy of an
    emblem must meet enough coarse keypoints of the reference. Within a level the strongest are
    kept, at most twice a fair share from each cell of a grid: text and busy backgrounds are
    full of strong corners and would otherwise take the whole budget.
    """
    if not keypoints:
        return []
    octave = np.array([k.octave for k in keypoints], dtype=np.int32)
    levels = np.unique(octave)
    kept: list[int] = []
    for level in levels:
        members = [int(i) for i in np.flatnonzero(octave == level)]
        found = len(keypoints) / len(levels) if balanced else len(members)
        share = max(1, round(budget * found / len(keypoints)))
        chosen = _strongest_spread(shape, [keypoints[i] for i in members], share)
        kept.extend(members[int(i)] for i in chosen)
    return [keypoints[i] for i in kept]


def _strongest_spread(
    shape: tuple[int, ...], keypoints: Sequence[cv2.KeyPoint], budget: int
) -> npt.NDArray[np.intp]:
    """Indices of the strongest keypoints, at most twice a fair share from each grid cell.

    When the cap leaves the budget unspent (keypoints gathered in a few cells, as on a small
    coarse level), the strongest of the rest make it up.
    """
    height, width = shape[0], shape[1]
    points = np.array([k.pt for k in keypoints], dtype=np.float32).reshape(-1, 2)
    strength = np.array([k.response for k in keypoints], dtype=np.float32)
    columns = np.minimum((points[:, 0] * _SPREAD_GRID / width).astype(np.int32), _SPREAD_GRID - 1)
    rows = np.minimum((points[:, 1] * _SPREAD_GRID / height).astype(np.int32), _SPREAD_GRID - 1)
    cell = rows * _SPREAD_GRID + columns
    # Sorted by cell and, within a cell, strongest first: a keypoint's rank in its cell is its
    # position minus the position where its cell starts.
    order = np.lexsort((-strength, cell))
    ordered_cells = cell[order]
    rank = np.arange(len(order)) - np.searchsorted(ordered_cells, ordered_cells, side="left")
    capped = rank < max(1, 2 * budget // (_SPREAD_GRID * _SPREAD_GRID))
    first, rest = order[capped], order[~capped]
    ranked = np.concatenate(
        (
            first[np.argsort(-strength[first], kind="stable")],
            rest[np.argsort(-strength[rest], kind="stable")],
        )
    )
    chosen: npt.NDArray[np.intp] = ranked[:budget]
    return chosen


def _describe(grey: Grey, detector: cv2.ORB, budget: int, balanced: bool = False) -> FeatureSet:
    """Keypoints of a grey picture, its edges included.

    ORB ignores a margin of its patch size at every pyramid level; a small picture or a small
    pyramid level would lose most of itself. The picture is framed (its edge pixels repeated,
    which adds no corners) so that keypoints up to its edge count; positions are in the unframed
    picture. `balanced` gives every pyramid level the same share of the budget.
    """
    pad = _PAD
    framed = _grey(cv2.copyMakeBorder(grey, pad, pad, pad, pad, cv2.BORDER_REPLICATE))
    chosen = _spread(framed.shape, detector.detect(framed, None), budget, balanced)
    if not chosen:
        return _NO_FEATURES
    described, descriptors = detector.compute(framed, chosen)
    if len(described) == 0:
        return _NO_FEATURES
    points = np.array([k.pt for k in described], dtype=np.float32).reshape(-1, 2) - pad
    return FeatureSet(points, np.asarray(descriptors, dtype=np.uint8))


def _multiscale(grey: Grey, budget: int) -> FeatureSet:
    """Keypoints of the reference drawn at several sizes, each size its share of the budget.

    A copy a fifth of the reference's size shows only its coarse shapes; ORB's own pyramid
    gives the coarse levels a small share and loses most of a small level to its margin, so the
    reference is also drawn small and described there. Positions are in the full-size picture.
    """
    sets = []
    for factor in _REFERENCE_SCALES:
        size = (max(1, round(grey.shape[1] * factor)), max(1, round(grey.shape[0] * factor)))
        small = grey if factor == 1 else _grey(cv2.resize(grey, size, interpolation=cv2.INTER_AREA))
        share = budget // len(_REFERENCE_SCALES)
        found = _describe(small, _orb(share, _REFERENCE_LEVELS), share, balanced=True)
        sets.append(FeatureSet(found.points / factor, found.descriptors))
    return FeatureSet(
        np.concatenate([f.points for f in sets]).astype(np.float32),
        np.concatenate([f.descriptors for f in sets]),
    )


def query_features(image: Image.Image) -> Query:
    """Prepare a picture for screening (no features when it is too small or featureless)."""
    prepared = _prepare(image, _QUERY_PIXELS, 255, decolour=True)
    if prepared is None:
        return Query(None, _NO_FEATURES)
    grey = prepared[0]
    budget = min(_QUERY_FEATURES, max(_MIN_QUERY_FEATURES, grey.size // _PIXELS_PER_FEATURE))
    return Query(grey, _describe(grey, _orb(budget, 8), budget))


def _gradient(grey: Grey) -> npt.NDArray[np.complex64]:
    smooth = cv2.GaussianBlur(grey.astype(np.float32), (0, 0), _VERIFY_SMOOTH)
    gx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)
    return (gx + 1j * gy).astype(np.complex64)


def _directions(gradient: npt.NDArray[np.complex64], weight: npt.ArrayLike) -> Field:
    """Edge directions with the angle doubled, so that light-on-dark and dark-on-light agree.

    Averaging the doubled angles over a small neighbourhood forgives a pixel of misplacement.
    """
    magnitude = np.abs(gradient)
    unit = np.square(gradient / (magnitude + 1e-6)) * np.asarray(weight, np.float32)
    real = np.asarray(cv2.GaussianBlur(unit.real.astype(np.float32), (0, 0), _VERIFY_SMOOTH))
    imag = np.asarray(cv2.GaussianBlur(unit.imag.astype(np.float32), (0, 0), _VERIFY_SMOOTH))
    directions: Field = (real + 1j * imag).astype(np.complex64)
    return directions


def _strong(magnitude: npt.NDArray[np.float32], where: npt.NDArray[np.bool_]) -> float:
    """The edge strength above which an edge counts as clear: the top quarter, never faint."""
    if not where.any():
        return _FAINT
    return max(_FAINT, float(np.percentile(magnitude[where], 75)))


def _sketch(grey: Grey, content: npt.NDArray[np.bool_], mirrored: bool) -> Sketch:
    size = _sized((grey.shape[0], grey.shape[1]), _VERIFY_SIDE)
    small = _grey(cv2.resize(grey, size, interpolation=cv2.INTER_AREA))
    mask = cv2.resize(content.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    if mirrored:
        small, mask = np.ascontiguousarray(small[:, ::-1]), np.ascontiguousarray(mask[:, ::-1])
    gradient = _gradient(small)
    magnitude = np.abs(gradient)
    edges = mask & (magnitude > _strong(magnitude, mask))
    rows = np.arange(size[1]) * _CELLS // size[1]
    columns = np.arange(size[0]) * _CELLS // size[0]
    cells = rows[:, None] * _CELLS + columns[None, :]
    return Sketch(_directions(gradient, 1.0), edges, cells, mask)


def _sized(shape: tuple[int, int], side: int) -> tuple[int, int]:
    """(width, height) of a picture of `shape` scaled to `side` pixels on its long side."""
    scale = side / max(shape)
    return max(1, round(shape[1] * scale)), max(1, round(shape[0] * scale))


def _cells(points: Points, shape: tuple[int, int]) -> set[tuple[int, int]]:
    cell = max(shape) / _GRID
    return {(int(x // cell), int(y // cell)) for x, y in points}


def _content(image: Image.Image, size: tuple[int, int]) -> npt.NDArray[np.bool_]:
    """Where the reference has content (not transparent), widened a little, at (width, height)."""
    if "A" not in image.getbands() and "transparency" not in image.info:
        return np.ones((size[1], size[0]), bool)
    alpha = np.asarray(image.convert("RGBA").getchannel("A").resize(size, Image.Resampling.BOX))
    content = cv2.dilate((alpha > 32).astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    return content if content.any() else np.ones_like(content)


def reference_features(image: Image.Image) -> ReferenceFeatures:
    """Everything screening needs of one reference picture.

    The reference is examined on black paper (what is transparent in it becomes black), once as
    it is and once with light and dark swapped, which puts it on white. Measured on disguised
    copies, these two views found as many as all four combinations of paper and polarity.
    Mirrored views are added only when mirroring changes the reference.
    """
    target = _REFERENCE_SIDE * _REFERENCE_SIDE * min(image.size) // max(image.size)
    grey = structure(image, target, paper=0)
    if grey is None:
        grey = np.zeros((_MIN_SIDE, _MIN_SIDE), np.uint8)
    mirrors = [False]
    if np.abs(grey.astype(np.int16) - grey[:, ::-1]).mean() > _SYMMETRIC:
        mirrors.append(True)
    views = []
    for mirrored in mirrors:
        base = np.ascontiguousarray(grey[:, ::-1]) if mirrored else grey
        for picture in (base, 255 - base):
            views.append(View(mirrored, _multiscale(picture, _REFERENCE_FEATURES)))
    content = _content(image, (grey.shape[1], grey.shape[0]))
    cells = max(1, len(_cells(views[0].features.points, (grey.shape[0], grey.shape[1]))))
    return ReferenceFeatures(tuple(views), grey, content, cells)


# ---------------------------------------------------------------- matching


def _good_matches(query: FeatureSet, view: FeatureSet) -> tuple[Points, Points]:
    """Picture and reference positions of the matches that pass the ratio test.

    Each reference keypoint looks for its nearest picture keypoint; a picture full of similar
    corners (text, noise) then yields few unambiguous matches rather than many false ones.
    """
    distances, nearest = cv2.batchDistance(
        view.descriptors, query.descriptors, cv2.CV_32S, normType=cv2.NORM_HAMMING, K=2
    )
    clear = distances[:, 0] < _RATIO * distances[:, 1]
    return query.points[nearest[clear, 0]], view.points[clear]


def _fit(
    source: Points, target: Points
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]] | None:
    if len(source) < 4:
        return None
    transform, mask = cv2.estimateAffinePartial2D(
        source,
        target,
        method=cv2.RANSAC,
        ransacReprojThreshold=_REPROJECTION,
        maxIters=2000,
        confidence=0.995,
    )
    # OpenCV returns None (despite its type stubs) when RANSAC finds no consensus.
    found: object = transform
    if not isinstance(found, np.ndarray) or found.shape != (2, 3):
        return None
    matrix = found.astype(np.float64)
    scale = float(np.sqrt(abs(np.linalg.det(matrix[:, :2]))))
    if not _SCALE_BOUNDS[0] < 1.0 / max(scale, 1e-9) < _SCALE_BOUNDS[1]:
        return None
    return matrix, np.asarray(mask).ravel().astype(bool)


def _agreement(
    query: Query, transform: npt.NDArray[np.float64], reference: ReferenceFeatures, mirrored: bool
) -> float:
    """How completely the placed picture's edges follow the reference's (about 0..1).

    The picture is warped onto the reference. At every clear edge of the reference, the
    picture's edge direction there is compared (cosine of the doubled angle difference, weighted
    by how clear the picture's edge is). The reference is cut into a grid; each cell's mean says
    how well that part agrees. The score is the lower quartile over the cells: three quarters of
    the reference must agree at least that well. A true copy agrees nearly everywhere; a seal
    whose ring lines up with the reference's ring, or a star that fits one star, agrees in a few
    cells only, and the lower quartile stays near zero.
    """
    if query.grey is None:
        return 0.0
    sketch = reference.sketch(mirrored)
    placed = transform * (_VERIFY_SIDE / max(reference.shape))
    size = (sketch.content.shape[1], sketch.content.shape[0])
    grey = query.grey
    reduction = float(np.sqrt(abs(np.linalg.det(placed[:, :2]))))
    if reduction < 0.7:
        # Warping shrinks the picture: smooth it first so fine texture does not alias into edges.
        grey = _grey(cv2.GaussianBlur(grey, (0, 0), 0.5 / reduction))
    warped = _grey(cv2.warpAffine(grey, placed, size, flags=cv2.INTER_LINEAR, borderValue=0))
    inside = (
        cv2.warpAffine(np.full(grey.shape, 255, np.uint8), placed, size, flags=cv2.INTER_NEAREST)
        > 0
    )
    if (sketch.content & inside).sum() < 0.5 * sketch.content.sum():
        return 0.0  # most of the reference would lie outside the picture
    gradient = _gradient(warped)
    magnitude = np.abs(gradient)
    clear = np.minimum(1.0, magnitude / _strong(magnitude, sketch.content & inside))
    mine = _directions(gradient, clear)
    compared = sketch.edges & inside
    agreeing = np.real(mine[compared] * np.conj(sketch.directions[compared]))
    cells = sketch.cells[compared]
    counts = np.bincount(cells, minlength=_CELLS * _CELLS)
    sums = np.bincount(cells, weights=agreeing, minlength=_CELLS * _CELLS)
    judged = counts >= _CELL_EDGES
    if judged.sum() < _MIN_CELLS:
        return 0.0
    return max(0.0, float(np.percentile(sums[judged] / counts[judged], 25)))


def _placement(
    query: Query, view: View, reference: ReferenceFeatures, features: FeatureSet
) -> Correspondence | None:
    source, target = _good_matches(query.features, features)
    fitted = _fit(source, target)
    if fitted is None or query.grey is None:
        return None
    transform, inlier = fitted
    cells = _cells(target[inlier], reference.shape)
    inliers = int(inlier.sum())
    # Verifying costs more than matching; a placement too thin to count is not verified.
    verified = inliers >= _VERIFY_INLIERS
    return Correspondence(
        inliers=inliers,
        coverage=min(1.0, len(cells) / reference.cells),
        agreement=_agreement(query, transform, reference, view.mirrored) if verified else 0.0,
        mirrored=view.mirrored,
        scale=1.0 / float(np.sqrt(abs(np.linalg.det(transform[:, :2])))),
    )


def correspond(query: Query, reference: ReferenceFeatures) -> list[Correspondence]:
    """Where the reference may sit in the picture: the placement found in each view, if any.

    Each view is first tried with a thinned set of reference keypoints; only a view that finds
    a few agreeing matches that way is matched in full and verified.
    """
    if len(query.features) < 4:
        return []
    found = []
    for view in reference.views:
        if len(view.features) < 4 * _SCOUT_STEP:
            continue
        scout = _fit(*_good_matches(query.features, view.features.every(_SCOUT_STEP)))
        if scout is None or scout[1].sum() < _SCOUT_INLIERS:
            continue
        placement = _placement(query, view, reference, view.features)
        if placement is not None:
            found.append(placement)
    return found
