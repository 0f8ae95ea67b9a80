"""What every page shares: templates, navigation, error pages."""
