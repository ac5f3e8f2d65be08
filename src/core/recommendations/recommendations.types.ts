/** One recommended movie: its score (higher is better) and why it is there. */
export interface Recommendation {
  movieId: string;
  title: string;
  score: number;
  /** Short machine-readable strings: `similar-to:<movieId>`, `genre:<value>` (any attribute kind), `popular`. */
  reasons: string[];
}

/** An attribute of the movie catalogue: `genre`/`Horror`. */
export interface AttributeRef {
  kind: string;
  value: string;
}

/** A movie's rating in one body, with its rank in that body (0 the mildest). */
export interface RankedRating {
  movieId: string;
  bodyId: string;
  rank: number;
}
