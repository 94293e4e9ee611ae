//! A line diff for the tests of saving (core) and of the editor (app):
//! one file, included by both test binaries.

/// The lines of `a` gone and the lines of `b` new, by a line diff (LCS).
pub fn changed_lines(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let x: Vec<&str> = a.lines().collect();
    let y: Vec<&str> = b.lines().collect();
    let (n, m) = (x.len(), y.len());
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if x[i] == y[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut new) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && x[i] == y[j] {
            i += 1;
            j += 1;
        } else if j >= m || (i < n && dp[i + 1][j] >= dp[i][j + 1]) {
            gone.push(x[i].to_string());
            i += 1;
        } else {
            new.push(y[j].to_string());
            j += 1;
        }
    }
    (gone, new)
}
