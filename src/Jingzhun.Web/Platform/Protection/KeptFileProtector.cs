using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Jingzhun.Web.Platform.Protection;

/// <summary>
/// Files kept on disk (original import files, their results and error workbooks) encrypted at rest: AES-256-GCM in
/// 64 KB chunks under a random key per file; that key is wrapped by ASP.NET Core Data Protection (the key ring outside
/// the database, see <see cref="PersonalDataProtector"/>). Each chunk is authenticated with its index and whether it is
/// the last, so a truncated or reordered file fails to read. Reading gives a seekable stream (MiniExcel needs one).
/// Files written before encryption (no header) are read as they are.
/// </summary>
public sealed class KeptFileProtector(IDataProtectionProvider provider)
{
    public const int ChunkSize = 64 * 1024;
    public const int TagSize = 16;
    private static readonly byte[] Magic = "JZE1"u8.ToArray();
    private readonly IDataProtector _keys = provider.CreateProtector("Jingzhun.KeptFiles.v1");

    public Stream Create(string path)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = _keys.Protect(key);
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(Magic);
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, wrapped.Length);
        file.Write(len);
        file.Write(wrapped);
        return new EncryptingStream(file, key);
    }

    public Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> head = stackalloc byte[8];
        if (file.ReadAtLeast(head, 8, throwOnEndOfStream: false) < 8 || !head[..4].SequenceEqual(Magic))
        {
            file.Position = 0;
            return file;
        }
        var wrappedLength = BinaryPrimitives.ReadInt32BigEndian(head[4..]);
        if (wrappedLength is <= 0 or > 4096) throw new CryptographicException("加密文件头已损坏");
        var wrapped = new byte[wrappedLength];
        file.ReadExactly(wrapped);
        return new DecryptingStream(file, _keys.Unprotect(wrapped), file.Position);
    }

    /// <summary>Writes the file whole or not at all (a reader never sees it half-written): a side file, then a rename.</summary>
    public async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var part = path + ".part";
        if (File.Exists(part)) File.Delete(part);
        try
        {
            await using (var s = Create(part))
            {
                await write(s);
            }
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken ct) => WriteAsync(path, s => s.WriteAsync(bytes, ct).AsTask());

    public async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken ct)
    {
        await using var s = OpenRead(path);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    private static void Nonce(Span<byte> nonce, long index)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[4..], index);
    }

    private sealed class EncryptingStream(FileStream file, byte[] key) : Stream
    {
        private readonly AesGcm _aes = new(key, TagSize);
        private readonly byte[] _plain = new byte[ChunkSize];
        private readonly byte[] _cipher = new byte[ChunkSize + TagSize];
        private int _filled;
        private long _index;
        private long _length;
        private bool _closed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                // A full chunk is written only when more data follows: the last chunk is marked as last on close.
                if (_filled == ChunkSize) Seal(last: false);
                var n = Math.Min(ChunkSize - _filled, buffer.Length);
                buffer[..n].CopyTo(_plain.AsSpan(_filled));
                _filled += n;
                _length += n;
                buffer = buffer[n..];
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        private void Seal(bool last)
        {
            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, _index++);
            ReadOnlySpan<byte> aad = [last ? (byte)1 : (byte)0];
            _aes.Encrypt(nonce, _plain.AsSpan(0, _filled), _cipher.AsSpan(0, _filled), _cipher.AsSpan(_filled, TagSize), aad);
            file.Write(_cipher, 0, _filled + TagSize);
            _filled = 0;
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_closed)
            {
                _closed = true;
                Seal(last: true);
                file.Dispose();
                _aes.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class DecryptingStream : Stream
    {
        private readonly FileStream _file;
        private readonly AesGcm _aes;
        private readonly long _start;
        private readonly long _chunks;
        private readonly int _lastSize;
        private readonly byte[] _cipher = new byte[ChunkSize + TagSize];
        private readonly byte[] _plain = new byte[ChunkSize];
        private long _cached = -1;
        private long _position;

        public DecryptingStream(FileStream file, byte[] key, long start)
        {
            _file = file;
            _aes = new AesGcm(key, TagSize);
            _start = start;
            var body = file.Length - start;
            var full = body / (ChunkSize + TagSize);
            var rest = body % (ChunkSize + TagSize);
            if (rest == 0 && full > 0) (_chunks, _lastSize) = (full, ChunkSize);
            else if (rest >= TagSize) (_chunks, _lastSize) = (full + 1, (int)(rest - TagSize));
            else throw new CryptographicException("加密文件已截断");
            Length = (_chunks - 1) * ChunkSize + _lastSize;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length { get; }
        public override long Position { get => _position; set => _position = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= Length || buffer.Length == 0) return 0;
            var index = _position / ChunkSize;
            var size = Load(index);
            var at = (int)(_position % ChunkSize);
            var n = Math.Min(size - at, buffer.Length);
            _plain.AsSpan(at, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Read(buffer.Span));

        private int Load(long index)
        {
            var last = index == _chunks - 1;
            var size = last ? _lastSize : ChunkSize;
            if (_cached == index) return size;
            _file.Position = _start + index * (ChunkSize + TagSize);
            _file.ReadExactly(_cipher, 0, size + TagSize);
            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, index);
            ReadOnlySpan<byte> aad = [last ? (byte)1 : (byte)0];
            _cached = -1;
            _aes.Decrypt(nonce, _cipher.AsSpan(0, size), _cipher.AsSpan(size, TagSize), _plain.AsSpan(0, size), aad);
            _cached = index;
            return size;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
                _aes.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
