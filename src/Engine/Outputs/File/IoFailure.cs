using Sluice.Native;

namespace Sluice.Engine.Outputs.File;

/// <summary>What failed (a libc call and its errno, or a message); default = nothing failed. No allocation until described.</summary>
internal readonly record struct IoFailure(string? Call, Errno Errno, string? Message = null)
{
    public bool Failed => Call is not null;

    public string Describe() => Message ?? $"{Call} failed: {NativeException.Describe(Errno)} (errno {(int)Errno})";
}
