using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>
/// Seeded random sessions for property tests: plausible and implausible physiology, invalid and questionable
/// data with extreme values, device status edges, and the human commands in random order.
/// </summary>
internal static class RandomSession
{
    public static readonly ProtocolProfile[] AllProfiles = [Profiles.Esketamine, Profiles.Kap, Profiles.Iv];

    /// <summary>Builds the input list of one session (the engine is only used to produce it via the scenario).</summary>
    public static Scenario Generate(int seed, bool validDataNormal = false, Action<Scenario>? afterEachInput = null)
    {
        var random = new Random(seed);
        var profile = AllProfiles[random.Next(AllProfiles.Length)];
        var s = new Scenario(profile, age: random.Next(20, 80));
        var step = () => afterEachInput?.Invoke(s);
        s.Start();
        step();
        var baselineSys = validDataNormal ? 120 : random.Next(105, 160);
        var baselineDia = validDataNormal ? 78 : random.Next(65, 100);
        s.NormalBaseline(1, baselineSys, baselineDia);
        step();
        s.Command(new OverrideGate(Scenario.At(1.5), "dr-rx", "random property test"));
        s.Dose(2);
        step();

        var spo2 = 97.0;
        var pulse = 75.0;
        var minutes = random.Next(130, 200);
        var settleAt = random.Next(40, 100);      // after this the patient settles near baseline...
        var attestAt = settleAt + random.Next(0, 30);
        var dipSecondsLeft = 0;                   // ...apart from rare deep desaturations (high alarms)
        var nextBp = 2 + random.Next(3, 20);
        for (var second = 120; second < minutes * 60; second++)
        {
            var minute = second / 60.0;
            var settled = minute >= settleAt;
            if (validDataNormal)
            {
                spo2 = random.Next(95, 101);
                pulse = random.Next(60, 100);
            }
            else if (settled)
            {
                if (dipSecondsLeft == 0 && random.Next(1500) == 0)
                {
                    dipSecondsLeft = random.Next(5, 40);
                }

                spo2 = dipSecondsLeft > 0 ? 80 : random.Next(95, 100);
                dipSecondsLeft = Math.Max(0, dipSecondsLeft - 1);
                pulse = random.Next(66, 80);
            }
            else
            {
                spo2 = Math.Clamp(spo2 + random.Next(-2, 3) + (random.Next(200) == 0 ? -12 : 0), 70, 100);
                pulse = Math.Clamp(pulse + random.Next(-3, 4), 35, 150);
            }

            var roll = random.Next(100);
            if (roll < 3)
            {
                s.Observe(Scenario.Oximeter, Metric.Spo2, double.NaN, minute, Validity.Invalid, ObservationFlags.ProbeOff);
            }
            else if (roll < 6)
            {
                s.Observe(Scenario.Oximeter, Metric.Spo2, random.Next(40, 80), minute, Validity.Questionable, ObservationFlags.Artifact);
                s.Observe(Scenario.Oximeter, Metric.PulseRate, random.Next(150, 250), minute, Validity.Questionable, ObservationFlags.Artifact);
            }
            else
            {
                s.Observe(Scenario.Oximeter, Metric.Spo2, spo2, minute);
                step();
                s.Observe(Scenario.Oximeter, Metric.PulseRate, pulse, minute);
            }

            step();
            if (second % 10 == 0)
            {
                s.Tick(minute);
                step();
            }

            if (minute >= nextBp)
            {
                nextBp += settled ? random.Next(8, 16) : random.Next(2, 20);
                if (random.Next(8) == 0)
                {
                    s.Status(Scenario.Cuff, DeviceCondition.NibpFailed, true, minute);
                    s.Observe(Scenario.Cuff, Metric.Systolic, random.Next(200, 260), minute, Validity.Questionable, ObservationFlags.BodyMovement);
                }
                else if (validDataNormal)
                {
                    s.Bp(minute, random.Next(112, 129), random.Next(72, 84), random.Next(65, 85));
                }
                else if (settled)
                {
                    s.Bp(minute, baselineSys + random.Next(-8, 9), baselineDia + random.Next(-6, 7), random.Next(66, 80));
                }
                else
                {
                    s.Bp(minute, random.Next(85, 200), random.Next(55, 120), random.Next(45, 140));
                }

                step();
            }

            if (profile.Route == SessionRoute.IvInfusion && second == 45 * 60)
            {
                s.Command(new EndInfusion(Scenario.At(minute), "th-1"));
                step();
            }

            if (second == attestAt * 60)
            {
                foreach (var item in profile.Discharge.Attestations)
                {
                    s.Command(new Attest(Scenario.At(minute), "th-1", item));
                    step();
                }
            }

            if (random.Next(settled ? 120 : 600) == 0)
            {
                SessionCommand command = random.Next(settled ? 2 : 6) switch
                {
                    0 => new AcknowledgeAlarm(Scenario.At(minute), "th-1"),
                    1 => new PauseAudio(Scenario.At(minute), "th-1"),
                    2 => new Attest(Scenario.At(minute), "th-1", profile.Discharge.Attestations[random.Next(profile.Discharge.Attestations.Count)]),
                    3 => new SignOffDischarge(Scenario.At(minute), "th-1", random.Next(2) == 0 ? null : "override"),
                    4 => new EndInfusion(Scenario.At(minute), "th-1"),
                    _ => new RecordDose(Scenario.At(minute), "th-1", "device 2"),
                };
                s.Command(command);
                step();
            }
        }

        s.Command(new EndSession(Scenario.At(minutes), "th-1"));
        return s;
    }
}
