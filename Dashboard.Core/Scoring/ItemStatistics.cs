namespace Dashboard.Core.Scoring;

/// <summary>
/// Sufficient statistics of one question over a population, as the database aggregates them: n answers,
/// Σx and Σx² of the item score x (share of its points, 0–1), Σy and Σy² of the total score y, and Σxy.
/// </summary>
public readonly record struct ItemSums(int Count, double SumX, double SumX2, double SumY, double SumY2, double SumXY);

/// <summary>Classical item analysis for the dashboard's success-rate table.</summary>
public static class ItemStatistics
{
    /// <summary>
    /// Point-biserial correlation of the item score with the total score (Pearson's r on the sums);
    /// null when either variable does not vary (everyone right, or everyone with the same score).
    /// Negative values flag a question that strong candidates miss more often than weak ones.
    /// </summary>
    public static double? PointBiserial(ItemSums s)
    {
        var n = (double)s.Count;
        var covariance = (n * s.SumXY) - (s.SumX * s.SumY);
        var varianceX = (n * s.SumX2) - (s.SumX * s.SumX);
        var varianceY = (n * s.SumY2) - (s.SumY * s.SumY);
        // Relative tolerance: sums of squares of scores near 1000 lose ~1e-12 of precision in the subtraction.
        if (s.Count < 2 || varianceX <= 1e-9 * Math.Max(1, n * s.SumX2) || varianceY <= 1e-9 * Math.Max(1, n * s.SumY2))
        {
            return null;
        }

        return Math.Clamp(covariance / Math.Sqrt(varianceX * varianceY), -1, 1);
    }

    /// <summary>Accumulates the sums from (item score, total score) pairs.</summary>
    public static ItemSums Sums(IEnumerable<(double ItemScore, double TotalScore)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var n = 0;
        double sx = 0, sx2 = 0, sy = 0, sy2 = 0, sxy = 0;
        foreach (var (x, y) in pairs)
        {
            n++;
            sx += x;
            sx2 += x * x;
            sy += y;
            sy2 += y * y;
            sxy += x * y;
        }

        return new ItemSums(n, sx, sx2, sy, sy2, sxy);
    }
}
