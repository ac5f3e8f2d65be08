/** A profile icon of an app's catalogue; `id` is the resource id a profile's `iconName` names. */
export interface Icon {
  id: string;
  uri: string;
  aspect: string;
  imageId: string;
  modifiedAt: number;
}

export interface IconInput {
  id: string;
  uri: string;
  aspect?: string | undefined;
  imageId?: string | undefined;
}
