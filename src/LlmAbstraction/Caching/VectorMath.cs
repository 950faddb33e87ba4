using System.Numerics;
using System.Runtime.InteropServices;

namespace LlmAbstraction.Caching;

/// <summary>Dot products and normalization for embedding vectors (SIMD where available).</summary>
internal static class VectorMath
{
    /// <summary>The dot product; for unit vectors, their cosine similarity. Vectors of different lengths compare as unrelated (0).</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        var sum = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var k = 0; k < va.Length; k++) sum += va[k] * vb[k];
            i = va.Length * Vector<float>.Count;
        }
        double total = Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    /// <summary>A unit-length copy of <paramref name="v"/>, or null when it is empty, zero or not finite.</summary>
    public static float[]? Normalize(ReadOnlySpan<float> v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        if (v.Length == 0 || norm == 0 || !double.IsFinite(norm)) return null;
        var result = new float[v.Length];
        for (var i = 0; i < v.Length; i++) result[i] = (float)(v[i] / norm);
        return result;
    }
}
