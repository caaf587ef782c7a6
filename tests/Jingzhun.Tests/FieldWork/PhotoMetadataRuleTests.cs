using System.Buffers.Binary;
using System.Text;
using Jingzhun.Web.Modules.FieldWork.Rules;

namespace Jingzhun.Tests.FieldWork;

public class PhotoMetadataRuleTests
{
    private static byte[] Segment(byte marker, byte[] payload)
    {
        var s = new byte[4 + payload.Length];
        s[0] = 0xFF; s[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(s, 4);
        return s;
    }

    private static readonly byte[] Jfif = Segment(0xE0, Encoding.ASCII.GetBytes("JFIF\0\u0001\u0001\0\0\u0001\0\u0001\0\0"));
    private static readonly byte[] Exif = Segment(0xE1, Encoding.ASCII.GetBytes("Exif\0\0MM\0*GPS 29.8N 106.0E"));
    private static readonly byte[] Xmp = Segment(0xE1, Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0<gps>29.8</gps>"));
    private static readonly byte[] Icc = Segment(0xE2, Encoding.ASCII.GetBytes("ICC_PROFILE\0profile"));
    private static readonly byte[] Comment = Segment(0xFE, Encoding.ASCII.GetBytes("taken at home of 李明"));
    private static readonly byte[] Table = Segment(0xDB, new byte[65]);
    // A scan header, entropy data with a stuffed 0xFF00 and a restart marker, then the end of image.
    private static readonly byte[] Scan = [.. Segment(0xDA, new byte[10]), 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
    private static readonly byte[] Eoi = [0xFF, 0xD9];

    private static byte[] Jpeg(params byte[][] parts) => [0xFF, 0xD8, .. parts.SelectMany(p => p)];

    [Fact]
    public void A_jpeg_loses_exif_xmp_comments_and_trailing_data_but_keeps_the_image_and_colour_profile()
    {
        var trailer = Encoding.ASCII.GetBytes("MPF second image with GPS");
        var stripped = PhotoMetadataRule.Strip(Jpeg(Jfif, Exif, Xmp, Icc, Comment, Table, Scan, Eoi, trailer))!;
        Assert.Equal(Jpeg(Jfif, Icc, Table, Scan, Eoi), stripped);
        Assert.DoesNotContain("GPS", Encoding.ASCII.GetString(stripped));
    }

    [Fact]
    public void The_orientation_is_kept_in_a_minimal_exif_block_after_jfif()
    {
        var stripped = PhotoMetadataRule.Strip(Jpeg(Jfif, Exif, Table, Scan, Eoi), orientation: 6)!;
        Assert.Equal(Jpeg(Jfif, PhotoMetadataRule.OrientationSegment(6), Table, Scan, Eoi), stripped);
        var block = PhotoMetadataRule.OrientationSegment(6);
        Assert.Equal(0x0112, BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(20)));
        Assert.Equal(6, BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(28)));
        // Upright photos need no block at all.
        Assert.Equal(Jpeg(Jfif, Table, Scan, Eoi), PhotoMetadataRule.Strip(Jpeg(Jfif, Exif, Table, Scan, Eoi), orientation: 1));
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var c = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(c, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(c, 4);
        data.CopyTo(c, 8);
        return c; // CRC left zero: the rule copies chunks, it does not check them
    }

    [Fact]
    public void A_png_loses_its_exif_and_text_chunks()
    {
        byte[] sig = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        var ihdr = Chunk("IHDR", new byte[13]);
        var idat = Chunk("IDAT", [1, 2, 3]);
        var iend = Chunk("IEND", []);
        var png = sig.Concat(ihdr).Concat(Chunk("eXIf", Encoding.ASCII.GetBytes("MM\0*GPS"))).Concat(Chunk("iTXt", Encoding.ASCII.GetBytes("XML:com.adobe.xmp")))
            .Concat(Chunk("tEXt", Encoding.ASCII.GetBytes("Comment\0home"))).Concat(idat).Concat(iend).ToArray();
        Assert.Equal(sig.Concat(ihdr).Concat(idat).Concat(iend).ToArray(), PhotoMetadataRule.Strip(png));
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38 })]                          // GIF
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x40, 0x01 })]        // segment longer than the file
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x02, 0xFF, 0xDA, 0x00, 0x02, 0x11 })] // scan never ends
    public void Anything_else_or_a_truncated_file_is_refused(byte[] bytes) => Assert.Null(PhotoMetadataRule.Strip(bytes));
}
