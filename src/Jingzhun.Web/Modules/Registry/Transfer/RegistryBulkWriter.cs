using System.Data.Common;
using System.Linq.Expressions;
using Jingzhun.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>
/// Writes new households with their members and incomes without EF change tracking, inside the context's current
/// transaction: SQLite through prepared commands reused for every row, PostgreSQL through binary COPY. The entities
/// are built by the domain (<see cref="Household.Register"/>, <see cref="Member.Create"/>, ...), so derived fields are
/// the forms' own; the columns and their conversions (money as fen on SQLite, enums as numbers) come from the EF model.
/// </summary>
internal abstract partial class RegistryBulkWriter : IAsyncDisposable
{
    [System.Text.RegularExpressions.GeneratedRegex("""\(\s*"HouseholdId"\s*[,)]""")]
    private static partial System.Text.RegularExpressions.Regex LedByHousehold();

    protected AppDbContext Db { get; }
    protected Table Households { get; }
    protected Table Members { get; }
    protected Table Incomes { get; }

    protected RegistryBulkWriter(AppDbContext db)
    {
        Db = db;
        Households = new Table(db.Model.FindEntityType(typeof(Household))!, includeKey: true);
        Members = new Table(db.Model.FindEntityType(typeof(Member))!, includeKey: false);
        Incomes = new Table(db.Model.FindEntityType(typeof(HouseholdIncome))!, includeKey: false);
    }

    /// <param name="copyBatch">Households per COPY on PostgreSQL (configuration Import:CopyBatch; a test sets it small).</param>
    public static RegistryBulkWriter For(AppDbContext db, int copyBatch = PostgresRegistryWriter.DefaultBatch) =>
        db.Database.IsNpgsql() ? new PostgresRegistryWriter(db, Math.Max(1, copyBatch)) : new SqliteRegistryWriter(db);

    protected DbConnection Connection => Db.Database.GetDbConnection();
    protected DbTransaction Transaction => Db.Database.CurrentTransaction?.GetDbTransaction()
        ?? throw new InvalidOperationException("批量写入须在事务中进行");

    /// <summary>Inserts the households (ids assigned here), their members and incomes.</summary>
    public abstract Task WriteAsync(IReadOnlyList<Household> households, CancellationToken ct);

    private List<string>? _dropped;

    /// <summary>Secondary indexes of the registry tables as (name, CREATE statement); primary keys stay.</summary>
    protected abstract string IndexCatalogSql { get; }

    /// <summary>
    /// Loading into empty registry tables: the secondary indexes are dropped inside the transaction and built once at
    /// the end (<see cref="FinishAsync"/>), a sorted build instead of millions of random B-tree inserts. Uniqueness was
    /// already checked over the file, and a failed build rolls the whole import back (the indexes come back with it).
    /// </summary>
    public async Task DropIndexesAsync(CancellationToken ct)
    {
        var indexes = await ReadAsync(IndexCatalogSql, r => (Name: r.GetString(0), Sql: r.GetString(1)), ct);
        // An index led by the household id stays: ids are given in increasing order here, so its entries are appended at
        // its end, cheaper than sorting it again afterwards.
        indexes.RemoveAll(i => LedByHousehold().IsMatch(i.Sql));
        foreach (var (name, _) in indexes) await ExecuteAsync($"DROP INDEX \"{name}\"", ct);
        _dropped = indexes.Select(i => i.Sql).ToList();
        if (ForeignKeyCatalogSql is not { } catalog) return;
        // Each member row's foreign key was checked by a trigger of its own (the server's largest cost of the load):
        // the keys are set aside too, and added back at the end, each checked by one join over the whole table.
        var keys = await ReadAsync(catalog, r => (Table: r.GetString(0), Name: r.GetString(1), Definition: r.GetString(2)), ct);
        foreach (var (table, name, _) in keys) await ExecuteAsync($"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\"", ct);
        _dropped.AddRange(keys.Select(k => $"ALTER TABLE \"{k.Table}\" ADD CONSTRAINT \"{k.Name}\" {k.Definition}"));
    }

    /// <summary>The foreign keys from the registry tables as (table, name, definition), or null to keep them.</summary>
    protected virtual string? ForeignKeyCatalogSql => null;

    /// <summary>Set for this transaction before the indexes are rebuilt (none by default).</summary>
    protected virtual string? IndexBuildSettings => null;

    /// <summary>Writes what the writer still holds (a writer may batch the households it is handed).</summary>
    protected virtual Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Set when nothing but this writer uses the connection until <see cref="FinishRowsAsync"/>: a writer may then write
    /// a batch on a task of its own while the caller prepares the next.
    /// </summary>
    public bool Overlapped { get; set; }

    /// <summary>Members in the database so far (in this transaction), not those handed over and still held.</summary>
    public long MembersWritten => Interlocked.Read(ref _membersWritten);
    private long _membersWritten;
    protected void Wrote(IEnumerable<Household> households) => Interlocked.Add(ref _membersWritten, households.Sum(h => (long)h.Members.Count));

    /// <summary>Waits for a batch being written, its error dropped: before a rollback (the connection is free again).</summary>
    public virtual Task SettleAsync() => Task.CompletedTask;

    /// <summary>Writes every row still held or being written.</summary>
    public Task FinishRowsAsync(CancellationToken ct) => FlushAsync(ct);

    /// <summary>Writes what is held, then rebuilds the indexes dropped by <see cref="DropIndexesAsync"/>.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        if (_dropped is { Count: > 0 } && IndexBuildSettings is { } settings) await ExecuteAsync(settings, ct);
        foreach (var sql in _dropped ?? []) await ExecuteAsync(sql, ct);
        _dropped = null;
    }

    /// <summary>The rows of a catalog query, read inside the import's transaction.</summary>
    private async Task<List<T>> ReadAsync<T>(string sql, Func<DbDataReader, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(row(r));
        return rows;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected string TableList => $"'{Households.Name}', '{Members.Name}', '{Incomes.Name}'";

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>v = ((T)entity).Column; v is null ? whenNull : whenValue(converter(v))</c>: a column's value read as EF reads it,
    /// through the model's converter (money as fen on SQLite, enums as numbers), typed: compiled once per column, no boxing.
    /// </summary>
    protected static Expression ProviderValue(IProperty column, ParameterExpression entity, Func<Expression, Expression> whenValue, Expression whenNull)
    {
        var member = column.GetMemberInfo(forMaterialization: false, forSet: false);
        Expression read = Expression.MakeMemberAccess(Expression.Convert(entity, column.DeclaringType.ClrType), member);
        var v = Expression.Variable(read.Type, "v");
        var underlying = Nullable.GetUnderlyingType(read.Type);
        Expression value = underlying is null ? v : Expression.Property(v, "Value");
        if (column.GetTypeMapping().Converter is { } converter)
        {
            var input = converter.ModelClrType == read.Type ? v : value;
            if (input.Type != converter.ModelClrType) input = Expression.Convert(input, converter.ModelClrType);
            value = Expression.Invoke(converter.ConvertToProviderExpression, input);
        }
        var write = whenValue(value);
        Expression body = underlying is not null ? Expression.Condition(Expression.Property(v, "HasValue"), write, whenNull, write.Type)
            : !read.Type.IsValueType ? Expression.Condition(Expression.Equal(v, Expression.Constant(null, read.Type)), whenNull, write, write.Type)
            : write;
        return Expression.Block(write.Type, [v], Expression.Assign(v, read), body);
    }

    /// <summary>The stored columns of an entity, and which of them hold the household's id.</summary>
    protected sealed class Table
    {
        public string Name { get; }
        public IReadOnlyList<IProperty> Columns { get; }
        public IProperty? ForeignKey { get; }
        public IProperty Key { get; }

        private readonly bool[] _household;

        public Table(IEntityType type, bool includeKey)
        {
            Name = type.GetTableName()!;
            Key = type.FindPrimaryKey()!.Properties[0];
            Columns = type.GetProperties().Where(p => includeKey || !p.IsPrimaryKey()).ToList();
            ForeignKey = type.GetProperties().FirstOrDefault(p => p.Name == "HouseholdId");
            // The household's id: its own key on the households table, the foreign key on the others.
            _household = Columns.Select(c => c == ForeignKey || (includeKey && c == Key)).ToArray();
        }

        public bool IsHousehold(int i) => _household[i];

        public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.GetColumnName()}\""));

    }
}

internal sealed class SqliteRegistryWriter(AppDbContext db) : RegistryBulkWriter(db)
{
    protected override string IndexCatalogSql =>
        $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({TableList})";

    // Prepared once, bound by position and stepped straight through SQLitePCL on the context's connection (inside
    // its transaction): the ADO.NET command path looks every parameter up by name and builds a reader per row.
    private sqlite3_stmt? _household, _member, _income;
    private ColumnBinder[] _householdColumns = [], _memberColumns = [], _incomeColumns = [];
    private SqliteCommand? _convert;
    private readonly Dictionary<object, object?> _converted = [];
    private long _nextId;

    private SqliteConnection Sqlite => (SqliteConnection)Connection;

    private sqlite3_stmt Prepare(Table t)
    {
        var sql = $"INSERT INTO \"{t.Name}\" ({t.ColumnList}) VALUES ({string.Join(", ", t.Columns.Select((_, i) => "?" + (i + 1)))})";
        var rc = raw.sqlite3_prepare_v2(Sqlite.Handle, sql, out var stmt);
        SqliteException.ThrowExceptionForRC(rc, Sqlite.Handle);
        return stmt;
    }

    public override async Task WriteAsync(IReadOnlyList<Household> households, CancellationToken ct)
    {
        if (_household is null)
        {
            // Inside the import's write transaction (BEGIN IMMEDIATE) no one else can insert, so ids can be counted on.
            await using var max = Connection.CreateCommand();
            max.Transaction = Transaction;
            max.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{Households.Name}\"";
            _nextId = Convert.ToInt64(await max.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            _household = Prepare(Households);
            _member = Prepare(Members);
            _income = Prepare(Incomes);
            _householdColumns = Compile(Households);
            _memberColumns = Compile(Members);
            _incomeColumns = Compile(Incomes);
        }
        foreach (var h in households)
        {
            var id = ++_nextId;
            Insert(_household, _householdColumns, h, id);
            foreach (var m in h.Members) Insert(_member!, _memberColumns, m, id);
            foreach (var i in h.Incomes) Insert(_income!, _incomeColumns, i, id);
        }
        Wrote(households);
    }

    private void Insert(sqlite3_stmt stmt, ColumnBinder[] binders, object entity, long householdId)
    {
        var handle = Sqlite.Handle;
        for (var i = 0; i < binders.Length; i++)
        {
            var rc = binders[i](stmt, i + 1, entity, householdId);
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
        }
        var step = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, handle);
    }

    /// <summary>Binds one column of one entity to its parameter: typed, no boxing (compiled once per column).</summary>
    private delegate int ColumnBinder(sqlite3_stmt stmt, int index, object entity, long householdId);

    private ColumnBinder[] Compile(Table t) =>
        [.. t.Columns.Select((c, i) => t.IsHousehold(i) ? (s, k, _, hid) => raw.sqlite3_bind_int64(s, k, hid) : Compile(c))];

    /// <summary>
    /// <c>(stmt, k, e, _) => v = ((T)e).Column; v is null ? bind_null : bind_…(converter(v))</c>: the value read as EF reads
    /// it, through the model's converter (money as fen, enums as numbers), bound by its provider type. Dates and any other
    /// type are bound as Microsoft.Data.Sqlite binds them (<see cref="BindBoxed"/>).
    /// </summary>
    private ColumnBinder Compile(IProperty column)
    {
        var stmt = Expression.Parameter(typeof(sqlite3_stmt), "stmt");
        var index = Expression.Parameter(typeof(int), "k");
        var entity = Expression.Parameter(typeof(object), "e");
        var hid = Expression.Parameter(typeof(long), "hid");
        var body = ProviderValue(column, entity, value => BindTyped(stmt, index, value),
            Expression.Call(typeof(raw).GetMethod(nameof(raw.sqlite3_bind_null))!, stmt, index));
        return Expression.Lambda<ColumnBinder>(body, stmt, index, entity, hid).Compile();
    }

    private Expression BindTyped(ParameterExpression stmt, ParameterExpression index, Expression value)
    {
        var t = value.Type;
        if (t.IsEnum) return BindTyped(stmt, index, Expression.Convert(value, Enum.GetUnderlyingType(t)));
        if (t == typeof(bool)) return Call(nameof(BindLong), stmt, index, Expression.Condition(value, Expression.Constant(1L), Expression.Constant(0L)));
        if (t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(sbyte) || t == typeof(ushort) || t == typeof(uint))
            return Call(nameof(BindLong), stmt, index, Expression.Convert(value, typeof(long)));
        if (t == typeof(double) || t == typeof(float)) return Call(nameof(BindDouble), stmt, index, Expression.Convert(value, typeof(double)));
        if (t == typeof(string)) return Call(nameof(BindText), stmt, index, value);
        if (t == typeof(byte[])) return Call(nameof(BindBlob), stmt, index, value);
        // Dates as Microsoft.Data.Sqlite writes them, formatted here (checked against it once per writer: DatesAsStored).
        if (t == typeof(DateTime) && DatesAsStored())
            return Expression.Call(Expression.Constant(new LastText<DateTime>(d => d.ToString(DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture))),
                nameof(LastText<DateTime>.Bind), null, stmt, index, value);
        if (t == typeof(DateOnly) && DatesAsStored())
            return Expression.Call(Expression.Constant(new LastText<DateOnly>(d => d.ToString(DateOnlyFormat, System.Globalization.CultureInfo.InvariantCulture))),
                nameof(LastText<DateOnly>.Bind), null, stmt, index, value);
        Func<sqlite3_stmt, int, object?, int> boxed = BindBoxed;
        return Expression.Invoke(Expression.Constant(boxed), stmt, index, Expression.Convert(value, typeof(object)));
    }

    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", DateOnlyFormat = @"yyyy\-MM\-dd";
    private bool? _datesAsStored;

    /// <summary>Whether the formats above give what Microsoft.Data.Sqlite binds (else every date takes <see cref="BindBoxed"/>).</summary>
    private bool DatesAsStored() => _datesAsStored ??=
        new[] { new DateTime(2026, 12, 7, 14, 47, 15, DateTimeKind.Utc).AddTicks(3_987_848), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.MaxValue }
            .All(d => Equals(Stored(d), d.ToString(DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture)))
        && new[] { new DateOnly(1990, 10, 20), new DateOnly(1, 1, 1), new DateOnly(2026, 2, 28) }
            .All(d => Equals(Stored(d), d.ToString(DateOnlyFormat, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A date column's text, formatted once per distinct run of values (every row of an import has the same time).</summary>
    private sealed class LastText<T>(Func<T, string> format) where T : struct, IEquatable<T>
    {
        private T _last;
        private string? _text;

        public int Bind(sqlite3_stmt stmt, int index, T value)
        {
            if (_text is null || !value.Equals(_last)) (_last, _text) = (value, format(value));
            return raw.sqlite3_bind_text16(stmt, index, _text);
        }
    }

    private static MethodCallExpression Call(string method, params Expression[] args) =>
        Expression.Call(typeof(SqliteRegistryWriter).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, args);

    private static int BindLong(sqlite3_stmt stmt, int index, long value) => raw.sqlite3_bind_int64(stmt, index, value);

    // UTF-16 straight to SQLite, which stores it as UTF-8: no managed UTF-8 copy per value.
    private static int BindText(sqlite3_stmt stmt, int index, string value) => raw.sqlite3_bind_text16(stmt, index, value);

    private static int BindBlob(sqlite3_stmt stmt, int index, byte[] value) => raw.sqlite3_bind_blob(stmt, index, value);

    private static int BindDouble(sqlite3_stmt stmt, int index, double value) =>
        double.IsNaN(value) ? throw new InvalidOperationException("无法写入的值：NaN") : raw.sqlite3_bind_double(stmt, index, value);

    private int BindBoxed(sqlite3_stmt stmt, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(stmt, index),
        string s => raw.sqlite3_bind_text(stmt, index, s),
        long l => raw.sqlite3_bind_int64(stmt, index, l),
        int n => raw.sqlite3_bind_int64(stmt, index, n),
        bool b => raw.sqlite3_bind_int64(stmt, index, b ? 1 : 0),
        double d when !double.IsNaN(d) => raw.sqlite3_bind_double(stmt, index, d),
        byte[] bytes => raw.sqlite3_bind_blob(stmt, index, bytes),
        // Dates, decimals and the like: stored exactly as Microsoft.Data.Sqlite would bind them (asked once per value).
        _ => BindBoxed(stmt, index, Stored(value)),
    };

    private object? Stored(object value)
    {
        if (_converted.TryGetValue(value, out var stored)) return stored;
        if (_convert is null)
        {
            _convert = (SqliteCommand)Connection.CreateCommand();
            _convert.Transaction = (SqliteTransaction)Transaction;
            _convert.CommandText = "SELECT $v";
            _convert.Parameters.Add(new SqliteParameter("$v", null));
        }
        _convert.Parameters[0].Value = value;
        stored = _convert.ExecuteScalar();
        if (stored is DBNull || stored is double.NaN) throw new InvalidOperationException($"无法写入的值：{value}");
        if (_converted.Count < 200_000) _converted[value] = stored;
        return stored;
    }

    public override async ValueTask DisposeAsync()
    {
        _household?.Dispose();
        _member?.Dispose();
        _income?.Dispose();
        if (_convert is not null) await _convert.DisposeAsync();
        await base.DisposeAsync();
    }
}

internal sealed class PostgresRegistryWriter(AppDbContext db, int copyBatch) : RegistryBulkWriter(db)
{
    protected override string IndexCatalogSql =>
        $"SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename IN ({TableList}) " +
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)";

    protected override string? ForeignKeyCatalogSql =>
        "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid " +
        $"WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname IN ({TableList})";

    /// <summary>
    /// Households handed over are written this many at a time: one id query and one COPY per table per batch. The import
    /// hands over a hundred households at a time (small chunks keep its memory low); a COPY per hundred was a round trip
    /// and a statement start each, and the import waited on the server.
    /// </summary>
    public const int DefaultBatch = 5000;

    // Each index of a province's members (1.9 M rows) sorted in memory, not in temporary files (the default is 64 MB).
    protected override string? IndexBuildSettings => "SET LOCAL maintenance_work_mem = '256MB'";
    private readonly List<Household> _pending = [];
    private RowWriter? _households, _members, _incomes;

    /// <summary>Writes one entity's row into a COPY: typed, compiled once per table.</summary>
    private delegate void RowWriter(NpgsqlBinaryImporter copy, object entity, long householdId);

    public override async Task WriteAsync(IReadOnlyList<Household> households, CancellationToken ct)
    {
        _pending.AddRange(households);
        if (_pending.Count < copyBatch) return;
        if (!Overlapped)
        {
            await FlushAsync(ct);
            return;
        }
        // One COPY at a time on the connection: the last batch must be in before this one starts; the caller goes on
        // reading and validating while it is written.
        await _copying;
        var batch = _pending.ToArray();
        _pending.Clear();
        _copying = Task.Run(() => CopyBatchAsync(batch, ct), ct);
    }

    private Task _copying = Task.CompletedTask;

    protected override async Task FlushAsync(CancellationToken ct)
    {
        await _copying;
        if (_pending.Count == 0) return;
        await CopyBatchAsync(_pending.ToArray(), ct);
        _pending.Clear();
    }

    public override async Task SettleAsync()
    {
        try { await _copying; }
        catch (Exception) { /* the caller rolls back: the error that ended the import is reported, not this one */ }
    }

    public override async ValueTask DisposeAsync()
    {
        await SettleAsync();
        await base.DisposeAsync();
    }

    private async Task CopyBatchAsync(Household[] batch, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)Connection;
        _households ??= Compile(Households);
        _members ??= Compile(Members);
        _incomes ??= Compile(Incomes);
        // Ids come from the identity sequence (nextval is safe with concurrent writers), so members can refer to them.
        var ids = new long[batch.Length];
        await using (var cmd = new NpgsqlCommand(
            $"SELECT nextval(pg_get_serial_sequence('\"{Households.Name}\"', '{Households.Key.GetColumnName()}')) FROM generate_series(1, @n)", conn))
        {
            cmd.Parameters.AddWithValue("n", batch.Length);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++) ids[i] = reader.GetInt64(0);
        }
        await CopyAsync(conn, Households, _households, batch.Select((h, i) => ((object)h, ids[i])), ct);
        await CopyAsync(conn, Members, _members, batch.SelectMany((h, i) => h.Members.Select(m => ((object)m, ids[i]))), ct);
        await CopyAsync(conn, Incomes, _incomes, batch.SelectMany((h, i) => h.Incomes.Select(x => ((object)x, ids[i]))), ct);
        Wrote(batch);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, Table t, RowWriter write, IEnumerable<(object Entity, long HouseholdId)> rows, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"COPY \"{t.Name}\" ({t.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (entity, hid) in rows)
        {
            ct.ThrowIfCancellationRequested();
            copy.StartRow();
            write(copy, entity, hid);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary><c>(copy, e, hid) => { copy.Write&lt;P1&gt;(column1, "type1"); ... }</c>, each value typed as its provider type.</summary>
    private static RowWriter Compile(Table t)
    {
        var copy = Expression.Parameter(typeof(NpgsqlBinaryImporter), "copy");
        var entity = Expression.Parameter(typeof(object), "e");
        var hid = Expression.Parameter(typeof(long), "hid");
        var writeNull = Expression.Call(copy, nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes);
        var columns = t.Columns.Select((c, i) =>
        {
            var type = Expression.Constant(StoreType(c.GetColumnType()));
            return t.IsHousehold(i)
                ? Expression.Call(copy, nameof(NpgsqlBinaryImporter.Write), [typeof(long)], hid, type)
                : ProviderValue(c, entity, value => Expression.Call(copy, nameof(NpgsqlBinaryImporter.Write), [value.Type], value, type), writeNull);
        });
        return Expression.Lambda<RowWriter>(Expression.Block(typeof(void), columns), copy, entity, hid).Compile();
    }

    // "character varying(20)" → "character varying", "numeric(14,2)" → "numeric": COPY needs the type, not its facets.
    private static string StoreType(string columnType) => columnType.Split('(')[0].Trim();
}
