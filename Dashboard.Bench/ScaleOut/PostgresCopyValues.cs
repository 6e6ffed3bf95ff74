using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Bench.ScaleOut;

/// <summary>A SQLite value (integer, real, text, blob) written to a binary COPY as the PostgreSQL column's type.</summary>
internal static class PostgresCopyValues
{
    public static NpgsqlDbType TypeOf(string udtName) => udtName switch
    {
        "int2" => NpgsqlDbType.Smallint,
        "int4" => NpgsqlDbType.Integer,
        "int8" => NpgsqlDbType.Bigint,
        "bool" => NpgsqlDbType.Boolean,
        "float4" => NpgsqlDbType.Real,
        "float8" => NpgsqlDbType.Double,
        "numeric" => NpgsqlDbType.Numeric,
        "text" => NpgsqlDbType.Text,
        "varchar" => NpgsqlDbType.Varchar,
        "bytea" => NpgsqlDbType.Bytea,
        "date" => NpgsqlDbType.Date,
        "uuid" => NpgsqlDbType.Uuid,
        "timestamptz" => NpgsqlDbType.TimestampTz,
        "timestamp" => NpgsqlDbType.Timestamp,
        _ => throw new NotSupportedException($"No COPY conversion for PostgreSQL type {udtName}."),
    };

    public static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            return importer.WriteNullAsync();
        }

        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            NpgsqlDbType.Smallint => importer.WriteAsync(Convert.ToInt16(value, c), type),
            NpgsqlDbType.Integer => importer.WriteAsync(Convert.ToInt32(value, c), type),
            NpgsqlDbType.Bigint => importer.WriteAsync(Convert.ToInt64(value, c), type),
            NpgsqlDbType.Boolean => importer.WriteAsync(Convert.ToInt64(value, c) != 0, type),
            NpgsqlDbType.Real => importer.WriteAsync(Convert.ToSingle(value, c), type),
            NpgsqlDbType.Double => importer.WriteAsync(Convert.ToDouble(value, c), type),
            NpgsqlDbType.Numeric => importer.WriteAsync(Convert.ToDecimal(value, c), type),
            NpgsqlDbType.Bytea => importer.WriteAsync((byte[])value, type),
            NpgsqlDbType.Date => importer.WriteAsync(DateOnly.Parse((string)value, c), type),
            NpgsqlDbType.Uuid => importer.WriteAsync(Guid.Parse((string)value), type),
            NpgsqlDbType.TimestampTz => importer.WriteAsync(DateTimeOffset.Parse((string)value, c).UtcDateTime, type),
            NpgsqlDbType.Timestamp => importer.WriteAsync(DateTime.Parse((string)value, c), type),
            _ => importer.WriteAsync(Convert.ToString(value, c)!, type),
        };
    }
}
