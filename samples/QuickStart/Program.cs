Console.WriteLine("QuickStart placeholder");
