using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jingzhun.Web.Platform.Data;

/// <summary>Yuan (decimal, 2 places) ⇄ fen (integer) for SQLite.</summary>
public sealed class FenConverter() : ValueConverter<decimal, long>(
    yuan => (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero),
    fen => fen / 100m);

/// <summary>Marks DateTimes read from SQLite as UTC (they are always written as UTC).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
