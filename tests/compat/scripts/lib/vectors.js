'use strict';
// Brute-force nearest neighbours, the reference the server's search results are checked against.

const metrics = {
  // Milvus reports squared L2 distance; smaller is nearer.
  L2: { distance: (a, b) => a.reduce((s, x, i) => s + (x - b[i]) * (x - b[i]), 0), nearerFirst: (x, y) => x - y },
  IP: { distance: (a, b) => a.reduce((s, x, i) => s + x * b[i], 0), nearerFirst: (x, y) => y - x },
  COSINE: {
    distance: (a, b) => {
      const dot = a.reduce((s, x, i) => s + x * b[i], 0);
      const norm = v => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      return dot / (norm(a) * norm(b));
    },
    nearerFirst: (x, y) => y - x,
  },
};

/** The k nearest rows to `query` among `rows` under `metric`, as [{id, distance}], nearest first (ties by id). */
function bruteForce(rows, vectorOf, idOf, query, metric, k) {
  const m = metrics[metric];
  return rows
    .map(row => ({ id: idOf(row), distance: m.distance(vectorOf(row), query) }))
    .sort((p, q) => m.nearerFirst(p.distance, q.distance) || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0))
    .slice(0, k);
}

/** Float32 arithmetic on the server vs float64 here: equal up to a few float32 ulps of the operands. */
function closeEnough(actual, expected) {
  return Math.abs(actual - expected) <= 1e-5 * Math.max(1, Math.abs(expected));
}

module.exports = { bruteForce, closeEnough };
