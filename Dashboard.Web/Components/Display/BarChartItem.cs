namespace Dashboard.Web.Components.Display;

/// <summary>One bar: its label, value, the text shown at its end, and its colour (any CSS colour).</summary>
public sealed record BarChartItem(string Label, double Value, string ValueText, string Color);
