namespace Dashboard.Core.Domain;

public enum RegistrationStatus
{
    ToBeTaken = 0,
    InProgress = 1,
    Completed = 2,
    PendingGrading = 3,
    Cancelled = 4,
}

public enum TestType
{
    Evaluation = 0,
    Certification = 1,
    Positioning = 2,
    Free = 3,
}

public enum ScoreScale
{
    /// <summary>1–1000 with the five levels.</summary>
    Points1000 = 0,
    Percentage = 1,
}

public enum ScoreLevel
{
    Initial = 0,
    Basic = 1,
    Operational = 2,
    Advanced = 3,
    Expert = 4,
}

public enum QuestionKind
{
    SingleChoice = 0,
    MultipleChoice = 1,
    Numeric = 2,
    Essay = 3,
    Code = 4,
}

/// <summary>The proctoring profile a sitting was taken under; None means not proctored.</summary>
public enum ProctoringProfile
{
    None = 0,
    IdDocument = 1,
    FullScreen = 2,
    Video = 3,
    Audio = 4,
    PeriodicScreenshots = 5,
    RoomScan = 6,
    SecureBrowser = 7,
}

public enum ProctoringStatus
{
    NotApplicable = 0,
    PendingReview = 1,
    AwaitingDetails = 2,
    DetailUnderReview = 3,
    ExplanationValidated = 4,
    Validated = 5,
    Invalid = 6,
}

public enum IncidentKind
{
    ExitFullScreen = 0,
    SecondPerson = 1,
    GazeOffScreen = 2,
    NoFaceDetected = 3,
    TabSwitch = 4,
    NoiseDetected = 5,
    CopyPaste = 6,
}

[Flags]
public enum Privileges
{
    None = 0,
    ViewResults = 1 << 0,
    Export = 1 << 1,
    GroupReports = 1 << 2,
    SendToCandidates = 1 << 3,
    Grade = 1 << 4,
    AssignGraders = 1 << 5,
    ManageCertificates = 1 << 6,
    CancelRegistrations = 1 << 7,
    ReviewProctoring = 1 << 8,
    ManageAdministrators = 1 << 9,

    Viewer = ViewResults,
    Grader = ViewResults | Grade,
    Owner = ViewResults | Export | GroupReports | SendToCandidates | Grade | AssignGraders
        | ManageCertificates | CancelRegistrations | ReviewProctoring | ManageAdministrators,
}
