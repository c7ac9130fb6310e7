using KapMonitor.Core.Clinical.Engine;

namespace KapMonitor.Core.Tests.Clinical;

public class RemsExportTests
{
    [Fact]
    public void The_rems_record_carries_the_three_bp_readings_the_acceptability_flags_and_total_minutes()
    {
        var s = new Scenario(Profiles.Esketamine).Start().NormalBaseline(1, 128, 82);
        s.Dose(5);
        var during = s.Engine.BuildRemsRecord();
        Assert.True(during.VitalsAcceptableBeforeDosing);
        Assert.Null(during.VitalsAcceptableBeforeCompletion);
        Assert.Null(during.TotalMonitoringMinutes);

        s.Until(38).Bp(38, 136, 86);
        s.Until(46).Bp(46, 139, 88);
        s.Until(70).Bp(70, 130, 82);
        s.Until(95).Bp(95, 128, 80);
        s.Until(115).Bp(115, 126, 80);
        s.Command(new Attest(s.Clock, "th-1", "sedation-dissociation-resolved"));
        s.Command(new Attest(s.Clock, "th-1", "transport-arranged"));
        s.Until(126);
        Assert.True(s.Ready);
        s.Command(new SignOffDischarge(s.Clock, "th-1"));
        s.Command(new EndSession(Scenario.At(131), "th-1"));

        var record = s.Engine.BuildRemsRecord();

        Assert.Equal("s-1", record.SessionId);
        Assert.Equal("P-7f3a", record.PatientRef);
        Assert.Equal((128.0, 82.0), (record.PreDose!.Value.Systolic, record.PreDose.Value.Diastolic));
        Assert.Equal(Scenario.At(46), record.AtAbout40Minutes!.Value.At); // 41 min after the device, nearest to 40
        Assert.Equal(Scenario.At(115), record.BeforeCompletion!.Value.At);
        Assert.True(record.VitalsAcceptableBeforeDosing);
        Assert.True(record.VitalsAcceptableBeforeCompletion);
        Assert.Equal(126, record.TotalMonitoringMinutes);
        Assert.Equal(Scenario.At(131), s.Engine.Timeline.EndedAt);
    }
}
