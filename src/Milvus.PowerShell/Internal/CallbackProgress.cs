namespace Milvus.PowerShell.Internal;

/// <summary>
/// An IProgress that runs its callback at once on the reporting thread. System.Progress posts reports to the thread
/// pool instead, so one could arrive after the call ended and its progress bar was completed.
/// </summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
