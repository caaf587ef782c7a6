using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform.Data;

public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite extended code 2067 SQLITE_CONSTRAINT_UNIQUE; PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode == 2067,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
