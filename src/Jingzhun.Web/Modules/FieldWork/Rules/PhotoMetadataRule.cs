using System.Buffers.Binary;

namespace Jingzhun.Web.Modules.FieldWork.Rules;

/// <summary>
/// Removes every metadata block that can carry a location (EXIF with its GPS IFD, XMP, IPTC, comments, trailing
/// multi-picture data) from a JPEG or PNG without re-encoding the image. Only the EXIF orientation is kept, in a
/// minimal EXIF block of its own, so that a phone photo still displays upright. (个人信息保护法: a household's
/// location is personal data; the county reads it once, at upload, for the authenticity checks.)
/// </summary>
public static class PhotoMetadataRule
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>PNG chunks that carry metadata: EXIF, text (XMP travels in iTXt), time.</summary>
    private static readonly HashSet<string> PngMetadataChunks = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    /// <summary>The stripped image, or null when the bytes are not a well-formed JPEG or PNG.</summary>
    public static byte[]? Strip(byte[] image, int? orientation = null)
    {
        if (image.Length >= 3 && image[0] == 0xFF && image[1] == 0xD8 && image[2] == 0xFF) return StripJpeg(image, orientation);
        if (image.Length >= 8 && image.AsSpan(0, 8).SequenceEqual(PngSignature)) return StripPng(image);
        return null;
    }

    private static byte[]? StripJpeg(byte[] src, int? orientation)
    {
        using var output = new MemoryStream(src.Length);
        output.Write([0xFF, 0xD8]);
        var wroteOrientation = orientation is null or 1;
        var i = 2;
        while (i < src.Length)
        {
            if (src[i] != 0xFF) return null;
            while (i < src.Length && src[i] == 0xFF) i++; // fill bytes
            if (i >= src.Length) return null;
            var marker = src[i++];
            if (marker == 0xD9)
            {
                // End of image: anything after it (phones append preview/depth images with their own EXIF) is dropped.
                output.Write([0xFF, 0xD9]);
                return output.ToArray();
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                output.Write([0xFF, marker]);
                continue;
            }
            if (i + 2 > src.Length) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(src.AsSpan(i));
            if (length < 2 || i + length > src.Length) return null;
            var segment = src.AsSpan(i - 2, length + 2);
            if (!wroteOrientation && marker != 0xE0)
            {
                output.Write(OrientationSegment(orientation!.Value));
                wroteOrientation = true;
            }
            if (Keeps(marker, src.AsSpan(i + 2, length - 2))) output.Write(segment);
            i += length;
            if (marker == 0xDA)
            {
                // Entropy-coded scan: copy up to the next marker that is not a stuffed 0xFF00 or a restart marker.
                var start = i;
                while (i + 1 < src.Length && !(src[i] == 0xFF && src[i + 1] != 0x00 && src[i + 1] is not (>= 0xD0 and <= 0xD7))) i++;
                if (i + 1 >= src.Length) return null;
                output.Write(src.AsSpan(start, i - start));
            }
        }
        return null;
    }

    /// <summary>JFIF (APP0), ICC colour profile (APP2 "ICC_PROFILE"), Adobe (APP14) and all non-APP segments stay.</summary>
    private static bool Keeps(byte marker, ReadOnlySpan<byte> payload)
    {
        if (marker == 0xFE) return false; // COM
        if (marker is < 0xE0 or > 0xEF) return true;
        return marker switch
        {
            0xE0 => true,
            0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
            0xEE => true,
            _ => false,
        };
    }

    /// <summary>An APP1 EXIF block holding only IFD0 with the Orientation tag (0x0112, SHORT).</summary>
    public static byte[] OrientationSegment(int orientation)
    {
        var s = new byte[36];
        s[0] = 0xFF; s[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), 34);
        "Exif\0\0"u8.CopyTo(s.AsSpan(4));
        "MM\0*"u8.CopyTo(s.AsSpan(10));
        BinaryPrimitives.WriteUInt32BigEndian(s.AsSpan(14), 8);  // IFD0 offset
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(18), 1);  // one entry
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(20), 0x0112);
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(22), 3);  // SHORT
        BinaryPrimitives.WriteUInt32BigEndian(s.AsSpan(24), 1);
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(28), (ushort)Math.Clamp(orientation, 1, 8));
        // bytes 30..35: value padding and the next-IFD offset (0).
        return s;
    }

    private static byte[]? StripPng(byte[] src)
    {
        using var output = new MemoryStream(src.Length);
        output.Write(PngSignature);
        var i = 8;
        while (i + 12 <= src.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(src.AsSpan(i));
            if (length > int.MaxValue || i + 12 + (long)length > src.Length) return null;
            var type = System.Text.Encoding.ASCII.GetString(src, i + 4, 4);
            var total = 12 + (int)length;
            if (!PngMetadataChunks.Contains(type)) output.Write(src.AsSpan(i, total));
            i += total;
            if (type == "IEND") return output.ToArray();
        }
        return null;
    }
}
