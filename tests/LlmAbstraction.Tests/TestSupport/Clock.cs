using Microsoft.Extensions.Time.Testing;

namespace LlmAbstraction.Tests.TestSupport;

/// <summary>Drives a FakeTimeProvider until a task completes: time only moves when the test moves it.</summary>
public static class Clock
{
    public static async Task<T> Drive<T>(FakeTimeProvider time, Task<T> task, TimeSpan? step = null)
    {
        await DriveCore(time, task, step ?? TimeSpan.FromMilliseconds(125));
        return await task;
    }

    public static async Task Drive(FakeTimeProvider time, Task task, TimeSpan? step = null)
    {
        await DriveCore(time, task, step ?? TimeSpan.FromMilliseconds(125));
        await task;
    }

    private static async Task DriveCore(FakeTimeProvider time, Task task, TimeSpan step)
    {
        for (var i = 0; i < 20_000 && !task.IsCompleted; i++)
        {
            // Let I/O continuations run, then move fake time forward one step.
            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted) time.Advance(step);
        }
        if (!task.IsCompleted) Assert.Fail("the call did not finish within the simulated time budget");
    }
}
