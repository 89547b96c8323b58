/** Preset reasons for viewing a full ID number or phone; "other" takes the person's own words. */
export const UNMASK_REASONS = ['visit', 'contact', 'other'] as const;
