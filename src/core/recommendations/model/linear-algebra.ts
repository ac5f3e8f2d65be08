/**
 * Dense linear algebra on plain `Float64Array`s, row-major: what EASE needs (the inverse of a symmetric positive
 * definite matrix) and no more. Loops run along rows, so every inner loop reads memory in order.
 */

/**
 * Inverts the symmetric positive definite `n`×`n` matrix `a` (row-major; only its lower triangle is read) in place:
 * on return `a` holds the whole inverse. Works by Cholesky (`a = L·Lᵀ`), then `N = L⁻ᵀ`, then `a⁻¹ = N·Nᵀ`, about n³
 * multiply-adds in all. `onProgress` is called with the fraction done (0..1) now and then. Throws when `a` is not
 * positive definite (a pivot is not positive).
 */
export function invertSpdInPlace(a: Float64Array, n: number, onProgress?: (fraction: number) => void): void {
  if (a.length < n * n) throw new Error('the matrix is smaller than n×n');
  // Work splits about evenly in three: the factorisation, the triangular inverse and the product.
  const report = (phase: number, done: number) => onProgress?.((phase + done) / 3);
  choleskyInPlace(a, n, onProgress && ((fraction) => report(0, fraction)));
  // 2. N = L⁻ᵀ (upper triangular), by back substitution in Lᵀ·N = I, a row of N at a time from the bottom: row i is
  //    (e_i − Σ_{k>i} L[k][i]·N[k][·]) / L[i][i]. N goes to a scratch matrix's upper triangle.
  const inv = new Float64Array(n * n);
  // Rows of N in pairs (i and i − 1), each pair updated from four rows below at a time: every row streamed from
  // memory feeds two rows, and each of their entries is written once per four rows.
  const finishRow = (i: number) => {
    const rowI = i * n;
    const pivot = a[rowI + i]!;
    for (let j = i; j < n; j++) inv[rowI + j]! /= pivot;
  };
  let i = n - 1;
  for (; i >= 1; i -= 2) {
    const h = i - 1;
    const rowI = i * n;
    const rowH = h * n;
    inv[rowI + i] = 1;
    inv[rowH + h] = 1;
    let k = i + 1;
    for (; k + 3 < n; k += 4) {
      const f0 = a[k * n + i]!;
      const f1 = a[(k + 1) * n + i]!;
      const f2 = a[(k + 2) * n + i]!;
      const f3 = a[(k + 3) * n + i]!;
      const g0 = a[k * n + h]!;
      const g1 = a[(k + 1) * n + h]!;
      const g2 = a[(k + 2) * n + h]!;
      const g3 = a[(k + 3) * n + h]!;
      const r0 = k * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      for (let j = k; j < n; j++) {
        const y0 = inv[r0 + j]!;
        const y1 = inv[r1 + j]!;
        const y2 = inv[r2 + j]!;
        const y3 = inv[r3 + j]!;
        inv[rowI + j]! -= f0 * y0 + f1 * y1 + f2 * y2 + f3 * y3;
        inv[rowH + j]! -= g0 * y0 + g1 * y1 + g2 * y2 + g3 * y3;
      }
    }
    for (; k < n; k++) {
      const f = a[k * n + i]!;
      const g = a[k * n + h]!;
      const rowK = k * n;
      for (let j = k; j < n; j++) {
        const y = inv[rowK + j]!;
        inv[rowI + j]! -= f * y;
        inv[rowH + j]! -= g * y;
      }
    }
    finishRow(i);
    // Row h also takes row i, now final.
    const g = a[rowI + h]!;
    for (let j = i; j < n; j++) inv[rowH + j]! -= g * inv[rowI + j]!;
    finishRow(h);
    if (onProgress && (i & 63) <= 1) report(1, 1 - (i / n) ** 3);
  }
  if (i === 0) {
    inv[0] = 1;
    for (let k = 1; k < n; k++) {
      const f = a[k * n]!;
      for (let j = k; j < n; j++) inv[j]! -= f * inv[k * n + j]!;
    }
    finishRow(0);
  }
  // 3. a⁻¹ = N·Nᵀ: entry (i, j) is the dot product of rows i and j of N from column max(i, j) on. Blocks of 2×2
  //    entries share their loads; N is zero below its diagonal, so a block may start at its first column.
  const put = (i: number, j: number, value: number) => {
    a[i * n + j] = value;
    a[j * n + i] = value;
  };
  for (let i = 0; i < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const pair = i + 1 < n;
    for (let j = i; j < n; j += 2) {
      const c0 = j * n;
      const c1 = c0 + n;
      if (pair && j + 1 < n) {
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let k = j; k < n; k++) {
          const x0 = inv[r0 + k]!;
          const x1 = inv[r1 + k]!;
          const y0 = inv[c0 + k]!;
          const y1 = inv[c1 + k]!;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        put(i, j, s00);
        put(i, j + 1, s01);
        if (j > i) put(i + 1, j, s10);
        put(i + 1, j + 1, s11);
      } else {
        for (const [row, rowStart] of pair ? [[i, r0] as const, [i + 1, r1] as const] : [[i, r0] as const]) {
          for (let col = j; col < Math.min(j + 2, n); col++) {
            if (col < row) continue;
            let sum = 0;
            for (let k = col; k < n; k++) sum += inv[rowStart + k]! * inv[col * n + k]!;
            put(row, col, sum);
          }
        }
      }
    }
    if (onProgress && (i & 63) === 0) report(2, 1 - ((n - i) / n) ** 3);
  }
  onProgress?.(1);
}

/**
 * Factors the symmetric positive definite `n`×`n` matrix `a` (row-major; only its lower triangle is read) as `L·Lᵀ`
 * (Cholesky–Banachiewicz), L overwriting the lower triangle. Rows go in pairs against pairs of earlier rows, so that
 * each load feeds two multiply-adds. Throws when a pivot is not positive (the matrix is not positive definite).
 */
export function choleskyInPlace(a: Float64Array, n: number, onProgress?: (fraction: number) => void): void {
  const dot = (rowA: number, rowB: number, length: number) => {
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (; k + 1 < length; k += 2) {
      s0 += a[rowA + k]! * a[rowB + k]!;
      s1 += a[rowA + k + 1]! * a[rowB + k + 1]!;
    }
    if (k < length) s0 += a[rowA + k]! * a[rowB + k]!;
    return s0 + s1;
  };
  const pivotOf = (i: number) => {
    const value = a[i * n + i]! - dot(i * n, i * n, i);
    if (!(value > 0)) throw new Error(`the matrix is not positive definite (pivot ${i})`);
    a[i * n + i] = Math.sqrt(value);
  };
  for (let i = 0; i < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const pair = i + 1 < n;
    let j = 0;
    if (pair) {
      for (; j + 1 < i; j += 2) {
        const c0 = j * n;
        const c1 = c0 + n;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let k = 0; k < j; k++) {
          const x0 = a[r0 + k]!;
          const x1 = a[r1 + k]!;
          const y0 = a[c0 + k]!;
          const y1 = a[c1 + k]!;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        const l0j = (a[r0 + j]! - s00) / a[c0 + j]!;
        const l1j = (a[r1 + j]! - s10) / a[c0 + j]!;
        a[r0 + j] = l0j;
        a[r1 + j] = l1j;
        const below = a[c1 + j]!;
        a[r0 + j + 1] = (a[r0 + j + 1]! - s01 - l0j * below) / a[c1 + j + 1]!;
        a[r1 + j + 1] = (a[r1 + j + 1]! - s11 - l1j * below) / a[c1 + j + 1]!;
      }
    }
    for (; j < i; j++) {
      a[r0 + j] = (a[r0 + j]! - dot(r0, j * n, j)) / a[j * n + j]!;
      if (pair) a[r1 + j] = (a[r1 + j]! - dot(r1, j * n, j)) / a[j * n + j]!;
    }
    pivotOf(i);
    if (pair) {
      a[r1 + i] = (a[r1 + i]! - dot(r1, r0, i)) / a[r0 + i]!;
      pivotOf(i + 1);
    }
    if (onProgress && (i & 63) === 0) onProgress(((i + 1) / n) ** 3);
  }
}

/**
 * Solves `a·x = b` for the symmetric positive definite `n`×`n` matrix `a` (lower triangle read, overwritten by its
 * Cholesky factor); `b` is overwritten by `x`. Throws when `a` is not positive definite.
 */
export function solveSpdInPlace(a: Float64Array, n: number, b: Float64Array): void {
  choleskyInPlace(a, n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= a[i * n + k]! * b[k]!;
    b[i] = sum / a[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= a[k * n + i]! * b[k]!;
    b[i] = sum / a[i * n + i]!;
  }
}
