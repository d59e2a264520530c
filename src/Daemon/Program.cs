// Composition root; replaced by the real command line in this session.
System.Console.WriteLine("sluiced");
