namespace Dashboard.Core.Documents.Excel;

/// <summary>How a column's numbers are shown; text cells ignore it.</summary>
internal enum XlsxFormat
{
    General,
    DateTime,
    OneDecimal,
}

internal sealed record XlsxColumn(string Header, double Width, XlsxFormat Format = XlsxFormat.General);
