"""BenchGuard: the judges' rights-protection platform of a city's courts."""
